package io.alloycompanion.core.settings;

import java.util.Map;

/**
 * Where the user is in the setup wizard and what each step recorded, so closing the app mid-way resumes there.
 *
 * @param currentStep the id of the step on screen, empty before the wizard was first opened
 * @param values step-owned values, keyed {@code <step id>.<name>}
 */
public record WizardState(String currentStep, Map<String, String> values, boolean completed) {

    public static final WizardState NOT_STARTED = new WizardState("", Map.of(), false);

    public WizardState {
        currentStep = currentStep == null ? "" : currentStep;
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
