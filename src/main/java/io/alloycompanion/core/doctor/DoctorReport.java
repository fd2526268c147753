package io.alloycompanion.core.doctor;

import io.alloycompanion.core.install.AlloyBinary;
import io.alloycompanion.core.install.ServiceStatus;
import io.alloycompanion.core.platform.DisplayProbe.Display;
import io.alloycompanion.core.secrets.KeychainStatus;
import io.alloycompanion.core.stack.DockerEngineStatus;
import java.util.List;

/** What {@code doctor} found about this machine. Serialised as-is for {@code doctor --json}. */
public record DoctorReport(
        int schemaVersion,
        String appVersion,
        SystemInfo system,
        JavaInfo java,
        Display display,
        DockerEngineStatus docker,
        KeychainStatus keychain,
        List<PortStatus> ports,
        List<AlloyBinary> alloy,
        List<ServiceStatus> alloyServices,
        DirectoriesStatus directories,
        List<Finding> findings) {

    public static final int SCHEMA_VERSION = 1;

    public record SystemInfo(String os, String osName, String osVersion, String arch) {
    }

    public record JavaInfo(String version, String vendor, String home) {
    }

    public record PortStatus(int port, String purpose, boolean free) {
    }

    public record DirectoriesStatus(String config, String data, String logs, boolean writable, String problem) {
    }

    /** One line of the verdict: what is fine, what deserves a look, what stops the app from working. */
    public record Finding(Severity severity, Subject subject, String message) {
    }

    public enum Severity { OK, WARN, FAIL }

    public enum Subject { SYSTEM, JAVA, DISPLAY, DOCKER, KEYCHAIN, PORTS, ALLOY, DIRECTORIES }

    public boolean hasFailures() {
        return findings.stream().anyMatch(finding -> finding.severity() == Severity.FAIL);
    }
}
