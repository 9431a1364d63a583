package io.sparkrelay.testkit;

import io.sparkrelay.standin.KubernetesApiStandIn;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link KubernetesApiStandIn} field of a test that {@link KubernetesApiResource} fills in.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectKubernetesApi {}
