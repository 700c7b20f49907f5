package com.wabill.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.wabill.testsupport.FastTest;
import com.wabill.testsupport.TestTags;

/** Every test class of the tools module carries exactly one of the three tags, as the application's do. */
@FastTest
class ToolsTestTagsTest {

    @Test
    void everyTestClassCarriesExactlyOneTag() {
        assertThat(TestTags.testClassCount(ToolsTestTagsTest.class)).as("test classes found").isGreaterThanOrEqualTo(3);
        assertThat(TestTags.wronglyTagged(ToolsTestTagsTest.class)).isEmpty();
    }
}
