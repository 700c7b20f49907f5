package com.wabill.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test without database, Spring context or job: the engine, the calculators, files, Parquet, renderers.
 * {@code mvn -B test -Dgroups=fast} runs these alone.
 * <p>Tagged for JUnit Jupiter and for jqwik (its properties see only its own tag). Every test class carries exactly
 * one of {@link FastTest}, {@link DbTest}, {@link JobTest}: {@link TestTags} fails one that does not.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@org.junit.jupiter.api.Tag(TestTags.FAST)
@net.jqwik.api.Tag(TestTags.FAST)
public @interface FastTest {
}
