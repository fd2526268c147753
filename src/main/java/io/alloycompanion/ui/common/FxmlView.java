package io.alloycompanion.ui.common;

/** Every FXML file of the app, loaded only through {@link ViewLoader}. */
public enum FxmlView {
    MAIN_WINDOW("/fxml/main_window.fxml"),
    WIZARD("/fxml/wizard/wizard.fxml"),
    WIZARD_MODE_STEP("/fxml/wizard/mode_step.fxml"),
    WIZARD_ENVIRONMENT_STEP("/fxml/wizard/environment_step.fxml"),
    WIZARD_INSTALL_STEP("/fxml/wizard/install_step.fxml"),
    WIZARD_CREDENTIALS_STEP("/fxml/wizard/credentials_step.fxml"),
    WIZARD_SOURCES_STEP("/fxml/wizard/sources_step.fxml"),
    WIZARD_REVIEW_STEP("/fxml/wizard/review_step.fxml"),
    WIZARD_START_STEP("/fxml/wizard/start_step.fxml"),
    WIZARD_CHECKLIST_STEP("/fxml/wizard/checklist_step.fxml"),
    WIZARD_STACK_SOURCES_STEP("/fxml/wizard/stack_sources_step.fxml"),
    WIZARD_STACK_REVIEW_STEP("/fxml/wizard/stack_review_step.fxml"),
    WIZARD_STACK_START_STEP("/fxml/wizard/stack_start_step.fxml"),
    ENVIRONMENT("/fxml/environment.fxml"),
    CONFIG("/fxml/config.fxml"),
    LOGS("/fxml/logs.fxml"),
    CREDENTIALS("/fxml/credentials.fxml"),
    AGENT("/fxml/agent.fxml"),
    CHECKLIST("/fxml/checklist.fxml"),
    STACK("/fxml/stack.fxml"),
    SETTINGS("/fxml/settings.fxml");

    private final String resource;

    FxmlView(String resource) {
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }
}
