package io.alloycompanion.ui.config;

import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.ui.common.Localization;
import java.util.Optional;

/**
 * A diagnostic in the user's language. Lint findings are translated from their code; syntax errors keep Alloy's
 * English wording, which is what Alloy itself prints and what users search for. Used by the Config screen and the
 * wizard's Review step.
 */
public final class DiagnosticTexts {

    private DiagnosticTexts() {
    }

    public static String message(Diagnostic diagnostic, Localization l10n) {
        String key = messageKey(diagnostic.code());
        return key == null ? diagnostic.message() : l10n.get(key, diagnostic.args().toArray());
    }

    public static Optional<String> fix(Diagnostic diagnostic, Localization l10n) {
        String key = fixKey(diagnostic.code());
        if (key == null) {
            return diagnostic.suggestion();
        }
        return diagnostic.suggestion().map(english -> l10n.get(key, diagnostic.fixArgs().toArray()));
    }

    private static String messageKey(String code) {
        switch (code) {
            case "duplicate-component": return "lint.duplicateComponent";
            case "duplicate-block": return "lint.duplicateBlock";
            case "undeclared-component": return "lint.undeclaredComponent";
            case "misspelled-component": return "lint.undeclaredComponent";
            case "cloud-token": return "lint.cloudToken";
            case "plaintext-secret": return "lint.plaintextSecret";
            case "deprecated-env": return "lint.deprecatedEnv";
            case "deprecated-basic-auth": return "lint.deprecatedBasicAuth";
            case "receiver-default-open": return "lint.receiverDefaultOpen";
            case "receiver-open": return "lint.receiverOpen";
            case "proxy-ignored": return "lint.proxyIgnored";
            case "cloud-metrics-url": return "lint.cloudMetricsUrl";
            case "cloud-logs-url": return "lint.cloudLogsUrl";
            case "cloud-otlp-url": return "lint.cloudOtlpUrl";
            default: return null;
        }
    }

    private static String fixKey(String code) {
        switch (code) {
            case "duplicate-component": return "lint.duplicateComponent.fix";
            case "duplicate-block": return "lint.duplicateBlock.fix";
            case "undeclared-component": return "lint.undeclaredComponent.fix";
            case "misspelled-component": return "lint.misspelledComponent.fix";
            case "cloud-token": return "lint.cloudToken.fix";
            case "plaintext-secret": return "lint.plaintextSecret.fix";
            case "deprecated-env": return "lint.deprecatedEnv.fix";
            case "deprecated-basic-auth": return "lint.deprecatedBasicAuth.fix";
            case "receiver-default-open": return "lint.receiverDefaultOpen.fix";
            case "receiver-open": return "lint.receiverOpen.fix";
            case "proxy-ignored": return "lint.proxyIgnored.fix";
            case "cloud-metrics-url":
            case "cloud-logs-url":
            case "cloud-otlp-url":
                return "lint.useUrl.fix";
            default: return null;
        }
    }
}
