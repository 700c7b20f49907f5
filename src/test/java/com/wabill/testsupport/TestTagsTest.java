package com.wabill.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every test class of the application carries exactly one of the three tags. */
@FastTest
class TestTagsTest {

    @Test
    void everyTestClassCarriesExactlyOneTag() {
        TestTags.assertEveryTestClassTagged(TestTagsTest.class, 50);
    }

    @Test
    void theCheckFindsUntaggedAndDoublyTaggedClasses() {
        assertThat(TestTags.wrongTags(Untagged.class)).startsWith("no tag");
        assertThat(TestTags.wrongTags(UntaggedProperties.class)).startsWith("no tag");
        assertThat(TestTags.wrongTags(UntaggedParameterized.class)).startsWith("no tag");
        assertThat(TestTags.wrongTags(UntaggedOuter.class)).startsWith("no tag");
        assertThat(TestTags.wrongTags(TwoTags.class)).startsWith("more than one");
        assertThat(TestTags.wrongTags(Tagged.class)).isNull();
        assertThat(TestTags.wrongTags(TaggedByItsParent.class)).isNull();
        assertThat(TestTags.wrongTags(NoTests.class)).as("no test class").isNull();
    }

    // samples: static nested classes, which Surefire does not run

    static class Untagged {
        @Test
        void t() {
        }
    }

    static class UntaggedProperties {
        @net.jqwik.api.Property
        void p() {
        }
    }

    static class UntaggedParameterized {
        @ParameterizedTest
        @ValueSource(ints = 1)
        void p(int i) {
        }
    }

    static class UntaggedOuter {
        @Nested
        class Inner {
            @Test
            void t() {
            }
        }
    }

    @FastTest
    @DbTest
    static class TwoTags {
        @Test
        void t() {
        }
    }

    @DbTest
    static class Tagged {
        @Test
        void t() {
        }
    }

    static class TaggedByItsParent extends Tagged {
    }

    static class NoTests {
        void helper() {
        }
    }
}
