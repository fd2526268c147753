package io.alloycompanion.cli;

import io.alloycompanion.core.platform.AppVersion;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"alloy-companion " + AppVersion.get()};
    }
}
