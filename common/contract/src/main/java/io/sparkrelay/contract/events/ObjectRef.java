package io.sparkrelay.contract.events;

/** A Kubernetes object of a run: its name and namespace. */
public record ObjectRef(String name, String namespace) {}
