package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.stack.HostSourcesText;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.stack.StackViewModel;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The local stack's sources: the stack folder (the one the Stack screen shows) and the choices that are the stack's
 * own: which exporters its Alloy scrapes, the host port apps send OTLP HTTP to, and how long data is kept. The
 * fields start from the folder's settings (the defaults for a folder without a stack) and follow it when another
 * folder is chosen or the Stack screen saves new settings; nothing is written here: the Review step shows and writes
 * the folder. The images and the other services' ports stay on the Stack screen. In the "both" mode the stack's Alloy
 * also sends to Grafana Cloud with the active profile's endpoints; the step shows where, and is not valid while that
 * profile is missing or has no complete endpoint.
 */
public final class StackSourcesStep implements WizardStep {

    static final String ID = "stack-sources";
    static final int MAX_RETENTION_DAYS = 3650;

    private final StackViewModel stack;
    private final Localization l10n;

    private final BooleanProperty mysqlExporter = new SimpleBooleanProperty();
    private final BooleanProperty redisExporter = new SimpleBooleanProperty();
    private final StringProperty otlpPort = new SimpleStringProperty("");
    private final StringProperty otlpPortError = new SimpleStringProperty("");
    private final StringProperty retentionDays = new SimpleStringProperty("");
    private final StringProperty retentionError = new SimpleStringProperty("");
    private final StringProperty targets = new SimpleStringProperty("");
    private final StringProperty targetsError = new SimpleStringProperty("");
    private final StringProperty logFiles = new SimpleStringProperty("");
    private final StringProperty logFilesError = new SimpleStringProperty("");
    private HostSourcesText.Result hostSources = HostSourcesText.parse(List.of(), List.of());
    private final StringProperty problem = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty();
    private final ObservableBooleanValue sendToCloud;
    private final Supplier<Optional<StackProfile>> activeProfile;
    private final StringProperty cloudSummary = new SimpleStringProperty("");
    private final StringProperty cloudError = new SimpleStringProperty("");
    private Optional<StackSettings.CloudForwarding> cloud = Optional.empty();
    /** The folder whose settings the fields were filled from. */
    private String filledFor = "";
    /** Log folders checked off the UI thread; null: on the disk at once (tests and the command line's way). */
    private final BackgroundFolders folders;

    /** The local stack alone. */
    public StackSourcesStep(StackViewModel stack, Localization l10n) {
        this(stack, l10n, new SimpleBooleanProperty(false), Optional::empty);
    }

    /**
     * @param sendToCloud   whether the stack also sends to Grafana Cloud (the wizard's "both")
     * @param activeProfile the profile it sends with: the active one, saved on the Credentials step
     */
    public StackSourcesStep(StackViewModel stack, Localization l10n, ObservableBooleanValue sendToCloud,
                            Supplier<Optional<StackProfile>> activeProfile) {
        this(stack, l10n, sendToCloud, activeProfile, null);
    }

    /** @param executor checks that log folders exist off the UI thread (a slow network path would stall typing) */
    public StackSourcesStep(StackViewModel stack, Localization l10n, ObservableBooleanValue sendToCloud,
                            Supplier<Optional<StackProfile>> activeProfile, TaskExecutor executor) {
        this.folders = executor == null ? null : new BackgroundFolders(executor, this::revalidate);
        this.stack = stack;
        this.l10n = l10n;
        this.sendToCloud = sendToCloud;
        this.activeProfile = activeProfile;
        sendToCloud.addListener((obs, old, now) -> revalidate());
        otlpPort.addListener((obs, old, now) -> revalidate());
        targets.addListener((obs, old, now) -> revalidate());
        logFiles.addListener((obs, old, now) -> revalidate());
        retentionDays.addListener((obs, old, now) -> revalidate());
        // Another folder's settings fill the fields; the same folder's (generated from the Stack screen meanwhile) do not
        // overwrite what was chosen here, they are only checked against (its ports).
        stack.settingsProperty().addListener((obs, old, now) -> {
            if (!stack.folderProperty().get().equals(filledFor)) {
                fill(now);
            } else {
                revalidate();
            }
        });
        // Messages are in the user's language: a language switch says them again.
        l10n.localeProperty().addListener((obs, old, now) -> revalidate());
        fill(stack.settingsProperty().get());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.stackSources.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_STACK_SOURCES_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return valid;
    }

    /** The profile may have been saved or changed on the Credentials step since. */
    @Override
    public void onEnter() {
        revalidate();
    }

    /** Another stack folder (remembered in the settings); the fields show its settings. */
    public void chooseFolder(Path dir) {
        stack.chooseFolder(dir);
        fill(stack.settingsProperty().get());
    }

    private void fill(StackSettings settings) {
        filledFor = stack.folderProperty().get();
        mysqlExporter.set(settings.mysqlExporter());
        redisExporter.set(settings.redisExporter());
        otlpPort.set(String.valueOf(settings.otlpHttpHostPort()));
        retentionDays.set(String.valueOf(settings.retentionDays()));
        targets.set(String.join("\n", HostSourcesText.targetLines(settings.hostSources())));
        logFiles.set(String.join("\n", settings.hostSources().logFiles()));
        revalidate();
    }

    private void revalidate() {
        Optional<Integer> port = number(otlpPort.get()).filter(value -> value >= 1 && value <= 65535);
        if (port.isEmpty()) {
            otlpPortError.set(l10n.get("wizard.stackSources.error.port"));
        } else {
            StackSettings base = stack.settingsProperty().get();
            Optional<StackService> taken = Arrays.stream(StackService.values())
                    .filter(service -> base.hostPort(service) == port.get()).findFirst();
            otlpPortError.set(taken.map(service -> l10n.get("wizard.stackSources.error.portTaken", String.valueOf(port.get()),
                    service.id())).orElse(""));
        }
        boolean daysOk = number(retentionDays.get()).filter(days -> days >= 1 && days <= MAX_RETENTION_DAYS).isPresent();
        retentionError.set(daysOk ? "" : l10n.get("wizard.stackSources.error.days", String.valueOf(MAX_RETENTION_DAYS)));
        revalidateCloud();
        hostSources = HostSourcesText.parse(lines(targets.get()), lines(logFiles.get()), stack.settingsProperty().get().hostSources(),
                folders == null ? HostSourcesText.Folders.DISK : folders);
        targetsError.set(hostSources.targetProblems().stream().map(this::describe).collect(java.util.stream.Collectors.joining("\n")));
        logFilesError.set(hostSources.logProblems().stream().map(this::describe).collect(java.util.stream.Collectors.joining("\n")));
        boolean ok = otlpPortError.get().isEmpty() && retentionError.get().isEmpty() && cloudError.get().isEmpty()
                && hostSources.ok();
        problem.set(ok ? "" : l10n.get("wizard.sources.fixErrors"));
        valid.set(ok);
        if (folders != null) {
            // After the fields are set: an answer that arrives at once checks the lines again from a finished state.
            folders.flush();
        }
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\\R", -1));
    }

    private String describe(HostSourcesText.LineProblem problem) {
        String key = switch (problem.problem()) {
            case TARGET_FORMAT -> "wizard.stackSources.targets.format";
            case TARGET_DUPLICATE -> "wizard.stackSources.targets.duplicate";
            case LOG_RELATIVE -> "wizard.stackSources.logs.relative";
            case LOG_NO_FOLDER -> "wizard.stackSources.logs.noFolder";
            case LOG_FOLDER -> "wizard.stackSources.logs.folder";
            case LOG_ROOT -> "wizard.stackSources.logs.root";
            case LOG_DUPLICATE -> "wizard.stackSources.logs.duplicate";
        };
        return l10n.get(key, String.valueOf(problem.line()), problem.text());
    }

    private void revalidateCloud() {
        cloud = Optional.empty();
        cloudSummary.set("");
        cloudError.set("");
        if (!sendToCloud.get()) {
            return;
        }
        Optional<StackProfile> profile = activeProfile.get();
        if (profile.isEmpty()) {
            cloudError.set(l10n.get("wizard.stackSources.cloud.noProfile"));
            return;
        }
        try {
            cloud = Optional.of(StackSettings.CloudForwarding.of(profile.get()));
        } catch (IllegalArgumentException e) {
            cloudError.set(l10n.get("wizard.stackSources.cloud.incomplete", profile.get().name()));
            return;
        }
        List<String> where = new ArrayList<>();
        cloud.get().metrics().ifPresent(endpoint -> where.add(l10n.get("wizard.stackSources.cloud.metrics", host(endpoint))));
        cloud.get().logs().ifPresent(endpoint -> where.add(l10n.get("wizard.stackSources.cloud.logs", host(endpoint))));
        cloud.get().otlp().ifPresent(endpoint -> where.add(l10n.get("wizard.stackSources.cloud.traces", host(endpoint))));
        cloudSummary.set(l10n.get("wizard.stackSources.cloud.summary", profile.get().name(), String.join("; ", where),
                StackSettings.TOKEN_VARIABLE));
    }

    private static String host(Endpoint endpoint) {
        try {
            String host = URI.create(endpoint.url()).getHost();
            return host == null ? endpoint.url() : host;
        } catch (IllegalArgumentException e) {
            return endpoint.url();
        }
    }

    private static Optional<Integer> number(String text) {
        String digits = text == null ? "" : text.strip();
        return digits.matches("[0-9]{1,6}") ? Optional.of(Integer.parseInt(digits)) : Optional.empty();
    }

    /** The choices made here, with the folder they are for, so a restart before Review keeps them. */
    @Override
    public Map<String, String> saveState() {
        return Map.of("folder", filledFor, "mysql", String.valueOf(mysqlExporter.get()),
                "redis", String.valueOf(redisExporter.get()), "otlpPort", otlpPort.get(), "retentionDays", retentionDays.get(),
                "targets", targets.get(), "logFiles", logFiles.get());
    }

    /** Only for the folder they were made for: another folder's settings stay as they are. */
    @Override
    public void restoreState(Map<String, String> values) {
        if (!stack.folderProperty().get().equals(values.get("folder"))) {
            return;
        }
        mysqlExporter.set(Boolean.parseBoolean(values.getOrDefault("mysql", String.valueOf(mysqlExporter.get()))));
        redisExporter.set(Boolean.parseBoolean(values.getOrDefault("redis", String.valueOf(redisExporter.get()))));
        otlpPort.set(values.getOrDefault("otlpPort", otlpPort.get()));
        retentionDays.set(values.getOrDefault("retentionDays", retentionDays.get()));
        targets.set(values.getOrDefault("targets", targets.get()));
        logFiles.set(values.getOrDefault("logFiles", logFiles.get()));
        revalidate();
    }

    /** The folder's settings with the choices made here; only while {@link #valid()} is true. */
    public StackSettings settings() {
        if (!valid.get()) {
            throw new IllegalStateException("the stack's choices are not valid: " + problem.get());
        }
        return stack.settingsProperty().get()
                .withOtlpHttpHostPort(Integer.parseInt(otlpPort.get().strip()))
                .withRetentionDays(Integer.parseInt(retentionDays.get().strip()))
                .withExporters(mysqlExporter.get(), redisExporter.get())
                .withCloud(cloud)
                .withHostSources(hostSources.sources());
    }

    /** Scrape targets of this computer, one per line: {@code job=host:port[/path]}. */
    public StringProperty targetsProperty() {
        return targets;
    }

    /** What is wrong with the targets' lines, one problem per line; empty when they are fine. */
    public ReadOnlyStringProperty targetsErrorProperty() {
        return targetsError;
    }

    /** Log files of this computer, one absolute path (or glob) per line. */
    public StringProperty logFilesProperty() {
        return logFiles;
    }

    public ReadOnlyStringProperty logFilesErrorProperty() {
        return logFilesError;
    }

    /** Whether the stack also sends to Grafana Cloud (the wizard's "both"). */
    public ObservableBooleanValue sendToCloudProperty() {
        return sendToCloud;
    }

    /** Where the stack's Alloy also sends, with which profile; empty when it does not. */
    public ReadOnlyStringProperty cloudSummaryProperty() {
        return cloudSummary;
    }

    /** Why the stack cannot send to Grafana Cloud (no profile, no endpoint); empty when it can or need not. */
    public ReadOnlyStringProperty cloudErrorProperty() {
        return cloudError;
    }

    /** The stack folder the choices are for. */
    public Path folder() {
        return Path.of(stack.folderProperty().get());
    }

    public StackViewModel stack() {
        return stack;
    }

    public ReadOnlyStringProperty folderProperty() {
        return stack.folderProperty();
    }

    /** True when the folder already holds a stack (its settings are shown); false for a new one. */
    public ReadOnlyBooleanProperty initialisedProperty() {
        return stack.initialisedProperty();
    }

    public BooleanProperty mysqlExporterProperty() {
        return mysqlExporter;
    }

    public BooleanProperty redisExporterProperty() {
        return redisExporter;
    }

    public StringProperty otlpPortProperty() {
        return otlpPort;
    }

    public ReadOnlyStringProperty otlpPortErrorProperty() {
        return otlpPortError;
    }

    public StringProperty retentionDaysProperty() {
        return retentionDays;
    }

    public ReadOnlyStringProperty retentionErrorProperty() {
        return retentionError;
    }

    /** Why Next is disabled, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }
}
