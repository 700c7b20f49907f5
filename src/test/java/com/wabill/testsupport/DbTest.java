package com.wabill.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that needs PostgreSQL (the embedded server, or the one on 127.0.0.1:5432) but no Spring context and no
 * job: the ledger's stores.
 * <p>Tagged for JUnit Jupiter and for jqwik (its properties see only its own tag). Every test class carries exactly
 * one of {@link FastTest}, {@link DbTest}, {@link JobTest}: {@link TestTags} fails one that does not.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@org.junit.jupiter.api.Tag(TestTags.DB)
@net.jqwik.api.Tag(TestTags.DB)
public @interface DbTest {
}
