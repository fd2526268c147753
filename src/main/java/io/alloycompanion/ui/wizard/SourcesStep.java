package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.config.generate.ConfigModel;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.TaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Sources and endpoints: what Alloy collects (Prometheus endpoints to scrape, an OTLP receiver, log files) and where
 * it sends them (the Grafana Cloud endpoints, prefilled from the active profile, or the local stack). Every field is
 * checked as it changes; the step is valid when nothing is wrong, something is collected and, for Grafana Cloud,
 * something is sent somewhere. The token never appears: Alloy reads it from {@code GCLOUD_RW_API_KEY}.
 */
public final class SourcesStep implements WizardStep {

    static final String ID = "sources";
    static final String DEFAULT_OTLP = ConfigModel.OtlpReceiver.localHttp().httpEndpoint();

    /** The Grafana Cloud signals the generated config can send to, in the order they are shown. */
    public static final List<Signal> DESTINATIONS = List.of(Signal.METRICS, Signal.LOGS, Signal.OTLP);

    /** Reads the active Grafana Cloud profile (a file read: called in the background). */
    @FunctionalInterface
    public interface ActiveProfile {
        Optional<StackProfile> read() throws Exception;
    }

    private final ActiveProfile activeProfile;
    private final SettingsWriter settings;
    private final TaskExecutor executor;
    private final Localization l10n;

    private final ObservableList<ScrapeTargetInput> targets = FXCollections.observableArrayList();
    private final BooleanProperty otlpEnabled = new SimpleBooleanProperty(true);
    private final StringProperty otlpEndpoint = new SimpleStringProperty(DEFAULT_OTLP);
    private final StringProperty otlpError = new SimpleStringProperty("");
    private final BooleanProperty otlpExposed = new SimpleBooleanProperty();
    private final ObservableList<LogFileInput> logFiles = FXCollections.observableArrayList();
    private final StringProperty frontendUrl = new SimpleStringProperty("");
    private final StringProperty frontendError = new SimpleStringProperty("");
    private final Map<Signal, EndpointInput> endpoints = new EnumMap<>(Signal.class);
    private final StringProperty profileNote = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final BooleanProperty valid = new SimpleBooleanProperty();
    private final BooleanBinding localStack;
    private Consumer<Optional<String>> afterFrontendUrlSaved = url -> { };
    /** The last answer about the active profile (empty before any), kept to say it again in another language. */
    private Optional<Runnable> profileAnswer = Optional.empty();
    private boolean restoring;

    public SourcesStep(ModeStep mode, ActiveProfile activeProfile, SettingsWriter settings, TaskExecutor executor,
                       Localization l10n) {
        this.activeProfile = activeProfile;
        this.settings = settings;
        this.executor = executor;
        this.l10n = l10n;
        for (Signal signal : DESTINATIONS) {
            endpoints.put(signal, new EndpointInput(signal, this::revalidate));
        }
        localStack = Bindings.createBooleanBinding(() -> mode.modeProperty().get() == SetupMode.LOCAL_STACK,
                mode.modeProperty());
        localStack.addListener((obs, old, value) -> revalidate());
        otlpEnabled.addListener((obs, old, value) -> revalidate());
        otlpEndpoint.addListener((obs, old, value) -> revalidate());
        frontendUrl.addListener((obs, old, value) -> revalidate());
        targets.addListener((ListChangeListener<ScrapeTargetInput>) change -> revalidate());
        logFiles.addListener((ListChangeListener<LogFileInput>) change -> revalidate());
        // Messages are in the user's language: a language switch rewrites them.
        l10n.localeProperty().addListener((obs, old, value) -> {
            revalidate();
            profileAnswer.ifPresent(Runnable::run);
        });
        restoreState(Map.of());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.sources.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_SOURCES_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return valid;
    }

    /** For Grafana Cloud: fills the endpoints from the active profile (fields the user typed stay as they are). */
    @Override
    public Optional<StepAction> enterAction() {
        if (localStack.get()) {
            return Optional.empty();
        }
        return Optional.of((progress, finished) -> BackgroundTask.of(sink -> activeProfile.read())
                .onSuccess(this::prefill)
                .onFailure(Exception.class, error -> answer(() -> profileNote.set(l10n.get("wizard.sources.profileUnreadable",
                        error.getMessage()))))
                .onFinished(finished)
                .executeWith(executor));
    }

    void prefill(Optional<StackProfile> profile) {
        profile.ifPresent(found -> {
            for (Signal signal : DESTINATIONS) {
                endpoints.get(signal).offer(found.endpoint(signal).orElse(new Endpoint("", "")));
            }
        });
        answer(() -> profileNote.set(profile.map(found -> l10n.get("wizard.sources.fromProfile", found.name()))
                .orElseGet(() -> l10n.get("wizard.sources.noProfile"))));
    }

    private void answer(Runnable say) {
        profileAnswer = Optional.of(say);
        say.run();
    }

    /** The settings hold the front-end URL last set anywhere (here or on the Checklist screen): show that one. */
    @Override
    public void onEnter() {
        settings.current().frontendUrl().filter(url -> !url.equals(frontendUrl.get().strip())).ifPresent(frontendUrl::set);
    }

    /** Keeps the front-end URL in the settings, where the checklist reads it (only a valid one). */
    @Override
    public void onLeave() {
        if (!frontendError.get().isEmpty()) {
            return;
        }
        Optional<String> url = Optional.of(frontendUrl.get().strip()).filter(value -> !value.isEmpty());
        if (!url.equals(settings.current().frontendUrl())) {
            settings.update(current -> current.withFrontendUrl(url));
            afterFrontendUrlSaved.accept(url);
        }
    }

    /** Called on the UI thread after the step saved a new front-end URL (e.g. to show it in the checklist). */
    public void setAfterFrontendUrlSaved(Consumer<Optional<String>> action) {
        afterFrontendUrlSaved = action;
    }

    // ---------------------------------------------------------------- editing

    public ScrapeTargetInput addTarget() {
        ScrapeTargetInput target = new ScrapeTargetInput("", "", SourceChecks.DEFAULT_PATH, SourceChecks.DEFAULT_INTERVAL,
                this::revalidate);
        targets.add(target);
        return target;
    }

    public void removeTarget(ScrapeTargetInput target) {
        targets.remove(target);
    }

    public LogFileInput addLogFile() {
        LogFileInput file = new LogFileInput("", this::revalidate);
        logFiles.add(file);
        return file;
    }

    public void removeLogFile(LogFileInput file) {
        logFiles.remove(file);
    }

    // ---------------------------------------------------------------- checking

    private void revalidate() {
        if (restoring) {
            return;
        }
        boolean errors = false;
        int sources = 0;
        Map<String, Integer> labels = new HashMap<>();
        for (ScrapeTargetInput target : targets) {
            if (!target.isBlank() && SourceChecks.job(target.jobProperty().get(), l10n).isEmpty()) {
                labels.merge(SourceChecks.jobLabel(target.jobProperty().get()), 1, Integer::sum);
            }
        }
        int scrapes = 0;
        for (ScrapeTargetInput target : targets) {
            if (target.isBlank()) {
                target.setErrors("", "", "", "");
                continue;
            }
            String job = SourceChecks.job(target.jobProperty().get(), l10n);
            if (job.isEmpty() && labels.getOrDefault(SourceChecks.jobLabel(target.jobProperty().get()), 0) > 1) {
                job = l10n.get("wizard.sources.error.jobDuplicate");
            }
            target.setErrors(job, SourceChecks.address(target.addressProperty().get(), false, l10n),
                    SourceChecks.metricsPath(target.pathProperty().get(), l10n),
                    SourceChecks.interval(target.intervalProperty().get(), l10n));
            errors |= target.hasError();
            scrapes++;
        }
        sources += scrapes;
        if (otlpEnabled.get()) {
            otlpError.set(SourceChecks.address(otlpEndpoint.get(), true, l10n));
            otlpExposed.set(otlpError.get().isEmpty() && SourceChecks.exposed(otlpEndpoint.get()));
            errors |= !otlpError.get().isEmpty();
            sources++;
        } else {
            otlpError.set("");
            otlpExposed.set(false);
        }
        int logs = 0;
        for (LogFileInput file : logFiles) {
            file.setError(file.isBlank() ? "" : SourceChecks.logPath(file.pathProperty().get(), l10n));
            errors |= !file.errorProperty().get().isEmpty();
            logs += file.isBlank() ? 0 : 1;
        }
        sources += logs;
        frontendError.set(SourceChecks.frontendUrl(frontendUrl.get(), l10n));
        errors |= !frontendError.get().isEmpty();

        Set<Signal> destinations = new HashSet<>();
        for (EndpointInput endpoint : endpoints.values()) {
            if (localStack.get() || endpoint.isBlank()) {
                endpoint.setErrors("", "");
                continue;
            }
            endpoint.setErrors(SourceChecks.cloudUrl(endpoint.urlProperty().get(), l10n),
                    SourceChecks.username(endpoint.usernameProperty().get(), endpoint.urlProperty().get(),
                            endpoint.signal().usernameField(), l10n));
            errors |= endpoint.hasError();
            if (!endpoint.hasError()) {
                destinations.add(endpoint.signal());
            }
        }

        if (errors) {
            problem.set(l10n.get("wizard.sources.fixErrors"));
        } else if (sources == 0) {
            problem.set(l10n.get("wizard.sources.needSource"));
        } else if (!localStack.get() && destinations.isEmpty()) {
            problem.set(l10n.get("wizard.sources.needDestination"));
        } else {
            problem.set("");
        }
        List<String> warnings = new ArrayList<>();
        if (!localStack.get() && !destinations.isEmpty()) {
            if (scrapes > 0 && !destinations.contains(Signal.METRICS)) {
                warnings.add(l10n.get("wizard.sources.warn.scrapesDropped"));
            }
            if (logs > 0 && !destinations.contains(Signal.LOGS)) {
                warnings.add(l10n.get("wizard.sources.warn.logsDropped"));
            }
            if (otlpEnabled.get() && !destinations.contains(Signal.OTLP)) {
                warnings.add(l10n.get("wizard.sources.warn.tracesDropped"));
            }
        }
        notes.setAll(warnings);
        valid.set(problem.get().isEmpty());
    }

    // ---------------------------------------------------------------- result

    /** What the user chose, as the generator's model; meaningful while {@link #valid()} is true. */
    public ConfigModel model() {
        List<ConfigModel.ScrapeTarget> scrapes = targets.stream().filter(target -> !target.isBlank())
                .map(target -> new ConfigModel.ScrapeTarget(target.jobProperty().get().strip(),
                        target.addressProperty().get().strip(),
                        target.pathProperty().get().isBlank() ? SourceChecks.DEFAULT_PATH : target.pathProperty().get().strip(),
                        SourceChecks.parseInterval(target.intervalProperty().get()).orElse(Duration.ofSeconds(15))))
                .toList();
        List<ConfigModel.LogFile> files = logFiles.stream().filter(file -> !file.isBlank())
                .map(file -> new ConfigModel.LogFile(file.pathProperty().get().strip(), Map.of())).toList();
        ConfigModel.Destination destination;
        if (localStack.get()) {
            destination = ConfigModel.LocalStack.defaults(false, false);
        } else {
            destination = new ConfigModel.GrafanaCloud(cloudEndpoint(Signal.METRICS), cloudEndpoint(Signal.LOGS),
                    cloudEndpoint(Signal.OTLP).map(otlp -> new ConfigModel.OtlpGateway(otlp.url(), otlp.username())),
                    ConfigModel.EnvToken.DEFAULT);
        }
        return new ConfigModel(scrapes,
                otlpEnabled.get() ? Optional.of(new ConfigModel.OtlpReceiver(otlpEndpoint.get().strip(), Optional.empty()))
                        : Optional.empty(),
                files, destination, Optional.empty(), Optional.empty(),
                Optional.of(new ConfigModel.Logging("info", "logfmt")));
    }

    private Optional<ConfigModel.Endpoint> cloudEndpoint(Signal signal) {
        EndpointInput input = endpoints.get(signal);
        return input.isBlank() ? Optional.empty()
                : Optional.of(new ConfigModel.Endpoint(input.urlProperty().get().strip(), input.usernameProperty().get().strip()));
    }

    // ---------------------------------------------------------------- state

    @Override
    public Map<String, String> saveState() {
        Map<String, String> state = new HashMap<>();
        state.put("targets", Integer.toString(targets.size()));
        for (int i = 0; i < targets.size(); i++) {
            ScrapeTargetInput target = targets.get(i);
            state.put("target." + i + ".job", target.jobProperty().get());
            state.put("target." + i + ".address", target.addressProperty().get());
            state.put("target." + i + ".path", target.pathProperty().get());
            state.put("target." + i + ".interval", target.intervalProperty().get());
        }
        state.put("otlp", Boolean.toString(otlpEnabled.get()));
        state.put("otlpEndpoint", otlpEndpoint.get());
        state.put("logs", Integer.toString(logFiles.size()));
        for (int i = 0; i < logFiles.size(); i++) {
            state.put("log." + i, logFiles.get(i).pathProperty().get());
        }
        state.put("frontendUrl", frontendUrl.get());
        for (EndpointInput endpoint : endpoints.values()) {
            String prefix = endpoint.signal().id() + ".";
            // Never keep something token-shaped in settings.json: the field keeps it (and says why) until corrected.
            state.put(prefix + "url", SourceChecks.secret(endpoint.urlProperty().get()) ? "" : endpoint.urlProperty().get());
            state.put(prefix + "username", SourceChecks.secret(endpoint.usernameProperty().get()) ? "" : endpoint.usernameProperty().get());
            state.put(prefix + "offeredUrl", endpoint.offeredUrl());
            state.put(prefix + "offeredUsername", endpoint.offeredUsername());
        }
        return state;
    }

    /** Without saved values: one suggested target (the guide's worker), the OTLP receiver on this computer. */
    @Override
    public void restoreState(Map<String, String> values) {
        restoring = true;
        try {
            targets.clear();
            logFiles.clear();
            if (values.isEmpty()) {
                targets.add(new ScrapeTargetInput("worker", "localhost:8787", SourceChecks.DEFAULT_PATH,
                        SourceChecks.DEFAULT_INTERVAL, this::revalidate));
                otlpEnabled.set(true);
                otlpEndpoint.set(DEFAULT_OTLP);
                frontendUrl.set(settings.current().frontendUrl().orElse(""));
                endpoints.values().forEach(endpoint -> endpoint.restore("", "", "", ""));
                return;
            }
            for (int i = 0; i < count(values.get("targets")); i++) {
                String prefix = "target." + i + ".";
                targets.add(new ScrapeTargetInput(values.getOrDefault(prefix + "job", ""), values.getOrDefault(prefix + "address", ""),
                        values.getOrDefault(prefix + "path", SourceChecks.DEFAULT_PATH),
                        values.getOrDefault(prefix + "interval", SourceChecks.DEFAULT_INTERVAL), this::revalidate));
            }
            otlpEnabled.set(!"false".equals(values.get("otlp")));
            otlpEndpoint.set(values.getOrDefault("otlpEndpoint", DEFAULT_OTLP));
            for (int i = 0; i < count(values.get("logs")); i++) {
                logFiles.add(new LogFileInput(values.getOrDefault("log." + i, ""), this::revalidate));
            }
            frontendUrl.set(values.getOrDefault("frontendUrl", settings.current().frontendUrl().orElse("")));
            for (EndpointInput endpoint : endpoints.values()) {
                String prefix = endpoint.signal().id() + ".";
                endpoint.restore(values.getOrDefault(prefix + "url", ""), values.getOrDefault(prefix + "username", ""),
                        values.getOrDefault(prefix + "offeredUrl", ""), values.getOrDefault(prefix + "offeredUsername", ""));
            }
        } finally {
            restoring = false;
            revalidate();
        }
    }

    private static int count(String value) {
        try {
            return value == null ? 0 : Math.max(0, Math.min(100, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<ScrapeTargetInput> targets() {
        return targets;
    }

    public BooleanProperty otlpEnabledProperty() {
        return otlpEnabled;
    }

    public StringProperty otlpEndpointProperty() {
        return otlpEndpoint;
    }

    public ReadOnlyStringProperty otlpErrorProperty() {
        return otlpError;
    }

    /** True when the receiver would listen on every network interface (0.0.0.0), not only this computer. */
    public ReadOnlyBooleanProperty otlpExposedProperty() {
        return otlpExposed;
    }

    public ObservableList<LogFileInput> logFiles() {
        return logFiles;
    }

    public StringProperty frontendUrlProperty() {
        return frontendUrl;
    }

    public ReadOnlyStringProperty frontendErrorProperty() {
        return frontendError;
    }

    public EndpointInput endpoint(Signal signal) {
        EndpointInput input = endpoints.get(signal);
        if (input == null) {
            throw new IllegalArgumentException(signal + " is not a destination of the generated config");
        }
        return input;
    }

    /** Where the endpoints came from: the active profile's name, or that there is none. */
    public ReadOnlyStringProperty profileNoteProperty() {
        return profileNote;
    }

    /** Why Next is disabled, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** What the config will leave out with these choices (not an error: Next stays enabled). */
    public ObservableList<String> notes() {
        return notes;
    }

    /** True when the wizard sets up the local stack: no Grafana Cloud endpoints. */
    public BooleanBinding localStackProperty() {
        return localStack;
    }
}
