package com.wabill.tools;

import org.junit.jupiter.api.Test;

import com.wabill.testsupport.FastTest;
import com.wabill.testsupport.TestTags;

/** Every test class of the tools module carries exactly one of the three tags, as the application's do. */
@FastTest
class ToolsTestTagsTest {

    @Test
    void everyTestClassCarriesExactlyOneTag() {
        TestTags.assertEveryTestClassTagged(ToolsTestTagsTest.class, 3);
    }
}
