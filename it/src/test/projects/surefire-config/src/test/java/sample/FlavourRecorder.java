package sample;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Copies the configuration parameter nsunit.it.flavour where a test can read it. */
public class FlavourRecorder implements BeforeEachCallback {
    static volatile String flavour = "<not recorded>";

    @Override
    public void beforeEach(ExtensionContext context) {
        flavour = context.getConfigurationParameter("nsunit.it.flavour").orElse("<absent>");
    }
}
