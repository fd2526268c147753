package io.alloycompanion.ui.environment;

import io.alloycompanion.core.doctor.DoctorReport;
import io.alloycompanion.core.doctor.DoctorReport.Finding;
import io.alloycompanion.core.doctor.DoctorReport.Severity;
import io.alloycompanion.core.install.AlloyBinary;
import io.alloycompanion.ui.common.Localization;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns the doctor's findings into localized rows; the verdict (severity) stays the doctor's. */
final class EnvironmentRows {

    private EnvironmentRows() {
    }

    static List<EnvironmentRow> of(DoctorReport report, Localization l10n) {
        List<EnvironmentRow> rows = new ArrayList<>();
        rows.add(new EnvironmentRow(Severity.OK, l10n.get("environment.subject.system"), l10n.get("environment.system",
                report.system().osName(), report.system().osVersion(), report.system().arch(), report.java().version())));
        for (Finding finding : report.findings()) {
            rows.add(new EnvironmentRow(finding.severity(), title(finding, l10n), text(finding, report, l10n)));
        }
        return rows;
    }

    private static String title(Finding finding, Localization l10n) {
        switch (finding.subject()) {
            case DISPLAY:
                return l10n.get("environment.subject.display");
            case DOCKER:
                return l10n.get("environment.subject.docker");
            case KEYCHAIN:
                return l10n.get("environment.subject.keychain");
            case PORTS:
                return l10n.get("environment.subject.ports");
            case ALLOY:
                return l10n.get("environment.subject.alloy");
            case DIRECTORIES:
                return l10n.get("environment.subject.directories");
            default:
                return l10n.get("environment.subject.system");
        }
    }

    private static String text(Finding finding, DoctorReport report, Localization l10n) {
        boolean ok = finding.severity() == Severity.OK;
        switch (finding.subject()) {
            case DISPLAY:
                return ok ? l10n.get("environment.display.ok", report.display().detail())
                        : l10n.get("environment.display.missing", report.display().detail());
            case DOCKER:
                return ok ? l10n.get("environment.docker.ok", report.docker().version().orElse("?"), report.docker().endpoint().address())
                        : l10n.get("environment.docker.missing", report.docker().endpoint().address(),
                                report.docker().problem().orElse(""));
            case KEYCHAIN:
                return ok ? l10n.get("environment.keychain.ok", report.keychain().backend().orElse("?"))
                        : l10n.get("environment.keychain.missing", report.keychain().problem().orElse(""));
            case PORTS:
                return ok ? l10n.get("environment.ports.ok")
                        : l10n.get("environment.ports.busy", report.ports().stream().filter(port -> !port.free())
                                .map(port -> String.valueOf(port.port())).collect(Collectors.joining(", ")));
            case ALLOY: {
                if (report.alloy().isEmpty()) {
                    return l10n.get("environment.alloy.missing");
                }
                AlloyBinary first = report.alloy().get(0);
                return ok ? l10n.get("environment.alloy.ok", first.version().orElse("?"), first.path(), first.source())
                        : l10n.get("environment.alloy.noVersion", first.path(), first.problem().orElse(""));
            }
            case DIRECTORIES:
                return ok ? l10n.get("environment.directories.ok", report.directories().data())
                        : l10n.get("environment.directories.failed", report.directories().problem());
            default:
                return finding.message();
        }
    }
}
