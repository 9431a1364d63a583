package io.sparkrelay.standin.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestAttributesTest {

  private static final String WF = "/apis/argoproj.io/v1alpha1/namespaces/argo-workflows/workflows";
  private static final String PODS = "/api/v1/namespaces/spark-team-a/pods";

  /**
   * Expected: {@code verb group/version resource[/subresource] ns=<namespace> name=<name>}, or
   * {@code verb path=<path>} for a non-resource URL. WF and PODS stand for the paths above.
   */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          GET    | PODS                                                 | list /v1 pods ns=spark-team-a name=
          GET    | PODS?watch=true&resourceVersion=10                   | watch /v1 pods ns=spark-team-a name=
          GET    | PODS?watch=1                                         | watch /v1 pods ns=spark-team-a name=
          GET    | PODS?watch=false                                     | list /v1 pods ns=spark-team-a name=
          GET    | /api/v1/watch/namespaces/spark-team-a/pods           | watch /v1 pods ns=spark-team-a name=
          GET    | /apis/argoproj.io/v1alpha1/watch/namespaces/argo-workflows/workflows/wf-1 | watch argoproj.io/v1alpha1 workflows ns=argo-workflows name=wf-1
          GET    | /api/v1/pods?watch=true                              | watch /v1 pods ns= name=
          GET    | WF/wf-1                                              | get argoproj.io/v1alpha1 workflows ns=argo-workflows name=wf-1
          POST   | WF                                                   | create argoproj.io/v1alpha1 workflows ns=argo-workflows name=
          PUT    | WF/wf-1                                              | update argoproj.io/v1alpha1 workflows ns=argo-workflows name=wf-1
          PATCH  | WF/wf-1                                              | patch argoproj.io/v1alpha1 workflows ns=argo-workflows name=wf-1
          DELETE | WF/wf-1                                              | delete argoproj.io/v1alpha1 workflows ns=argo-workflows name=wf-1
          DELETE | WF?labelSelector=app%3Dspark-relay                   | deletecollection argoproj.io/v1alpha1 workflows ns=argo-workflows name=
          PUT    | WF/wf-1/status                                       | update argoproj.io/v1alpha1 workflows/status ns=argo-workflows name=wf-1
          PATCH  | PODS/driver/status                                   | patch /v1 pods/status ns=spark-team-a name=driver
          GET    | PODS/driver/log?follow=true&container=spark          | get /v1 pods/log ns=spark-team-a name=driver
          GET    | /api/v1/namespaces/spark-team-a                      | get /v1 namespaces ns=spark-team-a name=spark-team-a
          PUT    | /api/v1/namespaces/spark-team-a/finalize             | update /v1 namespaces/finalize ns=spark-team-a name=spark-team-a
          GET    | /api/v1/namespaces                                   | list /v1 namespaces ns= name=
          GET    | /apis/apiextensions.k8s.io/v1/customresourcedefinitions | list apiextensions.k8s.io/v1 customresourcedefinitions ns= name=
          GET    | /apis/apiextensions.k8s.io/v1/customresourcedefinitions/workflows.argoproj.io | get apiextensions.k8s.io/v1 customresourcedefinitions ns= name=workflows.argoproj.io
          GET    | PODS?fieldSelector=metadata.name%3Ddriver&watch=true | watch /v1 pods ns=spark-team-a name=driver
          GET    | PODS?fieldSelector=metadata.name%3D%3Ddriver         | list /v1 pods ns=spark-team-a name=driver
          GET    | PODS?fieldSelector=status.phase%3DRunning%2Cmetadata.name%3Ddriver | list /v1 pods ns=spark-team-a name=driver
          GET    | PODS?fieldSelector=metadata.name%21%3Ddriver         | list /v1 pods ns=spark-team-a name=
          GET    | PODS?fieldSelector=metadata.name%3Da%2Fb             | list /v1 pods ns=spark-team-a name=
          GET    | PODS?fieldSelector=metadata.name%3Da%2Cb             | list /v1 pods ns=spark-team-a name=
          GET    | WF/wf-1?fieldSelector=metadata.name%3Dother          | get argoproj.io/v1alpha1 workflows ns=argo-workflows name=wf-1
          DELETE | PODS?fieldSelector=metadata.name%3Ddriver            | deletecollection /v1 pods ns=spark-team-a name=
          GET    | /version                                             | get path=/version
          GET    | /api                                                 | get path=/api
          GET    | /api/v1                                              | get path=/api/v1
          GET    | /apis/argoproj.io/v1alpha1                           | get path=/apis/argoproj.io/v1alpha1
          GET    | /openapi/v2?timeout=32s                              | get path=/openapi/v2
          POST   | /apis                                                | post path=/apis
          """)
  void derivesWhatKubeAuthorizes(String method, String pathTemplate, String expected) {
    String pathWithQuery = pathTemplate.replace("WF", WF).replace("PODS", PODS);

    assertThat(describe(RequestAttributes.parse(method, pathWithQuery))).isEqualTo(expected);
  }

  @Test
  void keepsThePathWithoutItsQueryAndEmptyStringsForWhatIsAbsent() {
    assertThat(RequestAttributes.parse("GET", PODS + "?watch=true"))
        .isEqualTo(
            new RequestAttributes(true, "watch", "", "v1", "pods", "", "spark-team-a", "", PODS));
    assertThat(RequestAttributes.parse("GET", "/apis?x=1"))
        .isEqualTo(new RequestAttributes(false, "get", "", "", "", "", "", "", "/apis"));
  }

  private static String describe(RequestAttributes a) {
    if (!a.resourceRequest()) {
      return a.verb() + " path=" + a.path();
    }
    return String.format(
        "%s %s/%s %s ns=%s name=%s",
        a.verb(),
        a.apiGroup(),
        a.apiVersion(),
        a.resourceWithSubresource(),
        a.namespace(),
        a.name());
  }
}
