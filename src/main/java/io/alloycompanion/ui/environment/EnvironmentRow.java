package io.alloycompanion.ui.environment;

import io.alloycompanion.core.doctor.DoctorReport.Severity;

/** One line of the environment report, in the user's language. */
public record EnvironmentRow(Severity severity, String title, String text) {
}
