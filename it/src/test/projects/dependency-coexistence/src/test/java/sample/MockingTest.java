package sample;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Mockito mocks with the user's own byte-buddy, in the test JVM and in an isolated child alike. */
class MockingTest {
    @Test
    void mocksInProcess() throws Exception {
        UsersByteBuddy.isThePinnedOne();
        mockAndVerify();
    }

    @Test
    @Forked
    void mocksInAnIsolatedChild() throws Exception {
        UsersByteBuddy.isThePinnedOne();
        mockAndVerify();
    }

    private static void mockAndVerify() {
        Greeter greeter = mock(Greeter.class);
        when(greeter.greet("nsunit")).thenReturn("mocked");
        assertEquals("mocked", greeter.greet("nsunit"));
        verify(greeter).greet("nsunit");
    }
}
