#!/usr/bin/env python3
"""Prints the values table of deploy/helm/spark-relay/README.md from the `# --` comments of values.yaml.

    python3 deploy/helm/values-table.py deploy/helm/spark-relay/values.yaml

A documented key covers its subtree (its default is shown whole). Needs PyYAML. The chart tests check that
the README names every documented key, so regenerate after adding a value.
"""
import json
import re
import sys

import yaml

path = sys.argv[1] if len(sys.argv) > 1 else 'deploy/helm/spark-relay/values.yaml'
lines = open(path).read().split('\n')
data = yaml.safe_load(open(path))
KEY = re.compile(r'^( *)([A-Za-z0-9_.-]+):(.*)$')
rows = []; stack = []; doc = None; covered = -1
for raw in lines:
    t = raw.strip()
    if t.startswith('# --'):
        doc = t[4:].strip(); continue
    if t.startswith('#'):
        continue
    if not t:
        doc = None; continue
    m = KEY.match(raw)
    if not m:
        doc = None; continue
    ind = len(m.group(1)); key = m.group(2)
    if covered >= 0 and ind > covered:
        doc = None; continue
    covered = -1
    while stack and stack[-1][0] >= ind: stack.pop()
    stack.append((ind, key))
    if doc is not None:
        p = [k for _, k in stack]
        v = data
        for k in p: v = v[k]
        d = json.dumps(v) if not isinstance(v, str) else json.dumps(v)
        if len(d) > 60: d = '(see values.yaml)'
        typ = {dict:'object', list:'list', str:'string', bool:'bool', int:'int', float:'float', type(None):'null'}[type(v)]
        rows.append((".".join(p), typ, d, doc))
        covered = ind
    doc = None
print('| Key | Type | Default | Description |')
print('|---|---|---|---|')
for k, typ, d, doc in rows:
    esc = doc.replace("|", "&#124;")
    print(f'| `{k}` | {typ} | `{d}` | {esc} |')
