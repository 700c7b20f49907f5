package com.wabill.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.platform.commons.support.AnnotationSupport;

import com.wabill.testsupport.FastTest;

/**
 * The three tags of the test suite, and the check that every test class carries exactly one of them, so that a
 * developer can run the fast ones alone ({@code mvn -B test -Dgroups=fast}) and none slips in untagged. Each module
 * runs the check over its own test classes ({@code TestTagsTest}).
 */
@FastTest
public final class TestTags {

    public static final String FAST = "fast";
    public static final String DB = "db";
    public static final String JOB = "job";

    private static final List<Class<? extends Annotation>> TAGS = List.of(FastTest.class, DbTest.class, JobTest.class);

    private TestTags() {
    }

    /**
     * The top-level test classes compiled into the folder (or jar's folder) that holds {@code anchor}, each with what
     * is wrong with its tags; empty when every one carries exactly one tag.
     */
    public static List<String> wronglyTagged(Class<?> anchor) {
        List<String> wrong = new ArrayList<>();
        for (Class<?> c : topLevelClasses(anchor)) {
            String why = wrongTags(c);
            if (why != null) wrong.add(c.getName() + ": " + why);
        }
        return wrong;
    }

    /** The number of top-level test classes next to {@code anchor}: a check that found none checked nothing. */
    public static long testClassCount(Class<?> anchor) {
        return topLevelClasses(anchor).stream().filter(TestTags::isTestClass).count();
    }

    /**
     * The check of a module: at least {@code atLeast} test classes next to {@code anchor} (so that a wrong folder does
     * not pass on nothing), each with exactly one tag.
     */
    public static void assertEveryTestClassTagged(Class<?> anchor, int atLeast) {
        Assertions.assertThat(testClassCount(anchor)).as("test classes found").isGreaterThanOrEqualTo(atLeast);
        Assertions.assertThat(wronglyTagged(anchor)).isEmpty();
    }

    /** Why {@code c} is wrongly tagged, or null when it is no test class or carries exactly one tag. */
    public static String wrongTags(Class<?> c) {
        if (!isTestClass(c)) return null;
        long tags = TAGS.stream().filter(t -> AnnotationSupport.isAnnotated(c, t)).count();
        if (tags == 1) return null;
        return tags == 0 ? "no tag: annotate it with @FastTest, @DbTest or @JobTest (com.wabill.testsupport)"
                : "more than one of @FastTest, @DbTest, @JobTest";
    }

    /** A class the JUnit Platform runs: concrete, with a test or property method of its own or in a nested class. */
    static boolean isTestClass(Class<?> c) {
        if (Modifier.isAbstract(c.getModifiers()) || c.isInterface() || c.isAnnotation()) return false;
        return hasTests(c);
    }

    private static boolean hasTests(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (isTestMethod(m)) return true;
            }
        }
        for (Class<?> inner : c.getDeclaredClasses()) {
            if (AnnotationSupport.isAnnotated(inner, Nested.class) && hasTests(inner)) return true;
        }
        return false;
    }

    private static boolean isTestMethod(Method m) {
        if (AnnotationSupport.isAnnotated(m, Test.class) || AnnotationSupport.isAnnotated(m, TestTemplate.class)
                || AnnotationSupport.isAnnotated(m, TestFactory.class)) {
            return true; // @ParameterizedTest and @RepeatedTest are test templates
        }
        for (Annotation a : m.getAnnotations()) {
            String name = a.annotationType().getName();
            if (name.equals("net.jqwik.api.Property") || name.equals("net.jqwik.api.Example")) return true;
        }
        return false;
    }

    /**
     * The top-level classes below the class folder of {@code anchor}. Static nested classes are left out: Surefire
     * does not run them ({@code **}{@code /*$*} is excluded), and {@code @Nested} ones count with their outer class.
     */
    private static List<Class<?>> topLevelClasses(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(root)) throw new IllegalStateException(anchor + " is not in a class folder: " + root);
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String rel = root.relativize(f).toString();
                if (rel.contains("$") || rel.endsWith("package-info.class") || rel.endsWith("module-info.class")) {
                    continue;
                }
                String name = rel.substring(0, rel.length() - ".class".length()).replace(f.getFileSystem()
                        .getSeparator(), ".");
                classes.add(Class.forName(name, false, anchor.getClassLoader()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }
}
