package io.alloycompanion.ui;

import io.alloycompanion.core.telemetry.OtlpEndpoints;
import io.alloycompanion.core.telemetry.TestTelemetry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.agent.Insight;
import io.alloycompanion.core.checks.Check;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.checks.CloudChecks;
import io.alloycompanion.core.checks.Fix;
import io.alloycompanion.core.checks.LocalStackChecks;
import io.alloycompanion.core.grafana.StarterDashboardImport;
import io.alloycompanion.core.cloud.DataQueries;
import io.alloycompanion.core.platform.EnvironmentProxySelector;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.core.stack.StackOrchestrator;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSecrets;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.ui.stack.ContainerLogForwarder;
import io.alloycompanion.ui.stack.StackController;
import io.alloycompanion.ui.stack.StackViewModel;
import io.alloycompanion.core.secrets.LeakScanner;
import io.alloycompanion.ui.checklist.ChecklistController;
import io.alloycompanion.ui.checklist.ChecklistViewModel;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.agent.AgentSupervisor;
import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.ListenAddress;
import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.PortOwners;
import io.alloycompanion.core.agent.Preflight;
import io.alloycompanion.core.agent.RunningAlloyFinder;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.ui.agent.AgentController;
import io.alloycompanion.ui.agent.AgentViewModel;
import javafx.beans.binding.Bindings;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.config.ConfigController;
import io.alloycompanion.ui.config.ConfigViewModel;
import io.alloycompanion.ui.common.ErrorDialog;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import io.alloycompanion.ui.credentials.CredentialsController;
import io.alloycompanion.ui.credentials.CredentialsServices;
import io.alloycompanion.ui.credentials.CredentialsViewModel;
import io.alloycompanion.ui.credentials.ProfileFormController;
import io.alloycompanion.ui.environment.EnvironmentController;
import io.alloycompanion.ui.environment.EnvironmentViewModel;
import io.alloycompanion.ui.logs.LogsController;
import io.alloycompanion.ui.logs.LogsViewModel;
import io.alloycompanion.ui.main.MainViewModel;
import io.alloycompanion.ui.main.MainWindowController;
import io.alloycompanion.ui.main.Screen;
import io.alloycompanion.core.settings.DataRemoval;
import io.alloycompanion.ui.settings.DataRemovalViewModel;
import io.alloycompanion.ui.settings.SettingsController;
import io.alloycompanion.ui.settings.SettingsViewModel;
import io.alloycompanion.ui.wizard.ChecklistStep;
import io.alloycompanion.ui.wizard.ChecklistStepController;
import io.alloycompanion.ui.wizard.CredentialsStep;
import io.alloycompanion.ui.wizard.CredentialsStepController;
import io.alloycompanion.ui.wizard.EnvironmentStep;
import io.alloycompanion.ui.wizard.EnvironmentStepController;
import io.alloycompanion.ui.wizard.InstallStep;
import io.alloycompanion.ui.wizard.InstallStepController;
import io.alloycompanion.ui.wizard.ModeStep;
import io.alloycompanion.ui.wizard.ModeStepController;
import io.alloycompanion.ui.wizard.ModeSwitchedStep;
import io.alloycompanion.ui.wizard.StackReviewStep;
import io.alloycompanion.ui.wizard.StackReviewStepController;
import io.alloycompanion.ui.wizard.StackSourcesStep;
import io.alloycompanion.ui.wizard.StackSourcesStepController;
import io.alloycompanion.ui.wizard.StackStartStep;
import io.alloycompanion.ui.wizard.StackStartStepController;
import io.alloycompanion.ui.wizard.StartStep;
import io.alloycompanion.ui.wizard.StartStepController;
import io.alloycompanion.ui.wizard.ReviewStep;
import io.alloycompanion.ui.wizard.ReviewStepController;
import io.alloycompanion.ui.wizard.SetupMode;
import io.alloycompanion.ui.wizard.SourcesStep;
import io.alloycompanion.ui.wizard.SourcesStepController;
import io.alloycompanion.ui.wizard.WizardController;
import io.alloycompanion.ui.wizard.WizardViewModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop app's composition root: builds the view models once (they outlive views, so a language switch that
 * reloads every view loses nothing) and registers how each controller is constructed.
 */
public final class UiContext {

    private final Localization localization;
    private final ThemeManager themes;
    private final ErrorDialog errors;
    private final ViewLoader views;
    private final WizardViewModel wizard;
    private final EnvironmentViewModel environment;
    private final MainViewModel main;
    private final AlloyDetector alloy;
    private final TaskExecutor executor;
    private final SettingsWriter settingsWriter;
    private final Settings initialSettings;
    private final CredentialsViewModel credentials;
    private final AgentViewModel agent;
    private final StackViewModel stack;
    /** Every log line of the agent this app runs or watches, for the whole session (the Logs screen shows it). */
    private final LogBuffer logBuffer;
    private Consumer<String> links = url -> { };

    /**
     * @param installModes the service and package-manager installs, offered beside the per-user one when present
     * @param credentialServices profiles, token stores and network probes behind the credential manager
     */
    public UiContext(AppDirectories directories, SettingsWriter settings, DoctorService doctor, AlloyDetector alloy,
                     Function<Optional<String>, AlloyInstaller> installers, LintContext lintContext, ThemeManager themes,
                     Localization localization, ErrorDialog errors, TaskExecutor executor,
                     Optional<InstallStep.OtherModes> installModes, CredentialsServices credentialServices) {
        this.localization = localization;
        this.themes = themes;
        this.errors = errors;
        this.initialSettings = settings.current();
        this.alloy = alloy;
        this.executor = executor;
        this.settingsWriter = settings;
        this.logBuffer = new LogBuffer(initialSettings.agent().logBufferRecords());

        environment = new EnvironmentViewModel(doctor, executor, localization, Clock.systemDefaultZone());
        ModeStep modeStep = new ModeStep();
        EnvironmentStep environmentStep = new EnvironmentStep(environment, modeStep);
        InstallStep installStep = new InstallStep(directories.data().resolve("alloy"), alloy, installers, executor, localization,
                () -> settings.current().alloyBinary().map(Path::of), settings.current().mirror(), installModes, modeStep);
        credentials = new CredentialsViewModel(credentialServices.manager(), credentialServices.stores(),
                credentialServices.tester(), credentialServices.discovery(), executor, Platform::runLater, localization);
        CredentialsStep credentialsStep = new CredentialsStep(credentials, modeStep);
        SourcesStep sourcesStep = new SourcesStep(modeStep, () -> credentialServices.manager().profiles().activeProfile(),
                settings, executor, localization);
        ReviewStep reviewStep = new ReviewStep(sourcesStep, settings, directories.data().resolve("config.alloy"), lintContext,
                executor, localization);
        main = new MainViewModel(localization, initialScreen(initialSettings), Optional.empty(),
                environment.reportProperty());
        main.activeProfileProperty().bind(credentials.activeProperty());
        main.screenProperty().addListener((obs, old, screen) -> settings.update(current -> current.withScreen(screen.name())));

        ConfigViewModel config = new ConfigViewModel(settings, directories, executor, localization, lintContext);
        ProcessCommandRunner runner = new ProcessCommandRunner();
        Preflight preflight = new Preflight(runner, new PortProbe(), new PortOwners(OperatingSystem.current(), runner), lintContext);
        agent = new AgentViewModel(listener -> new AgentSupervisor(logBuffer, AlloyApi.loopbackClient(),
                initialSettings.agent().restartOnCrash() ? AgentSupervisor.RestartPolicy.on() : AgentSupervisor.RestartPolicy.OFF,
                listener, OperatingSystem.current()),
                new AgentViewModel.Sources(() -> alloy.chooseToRun(settings.current().alloyBinary().map(Path::of)),
                        () -> settings.current().configFile().map(Path::of).orElse(directories.data().resolve("config.alloy")),
                        () -> credentialServices.manager().activeToken(), directories.data().resolve("alloy-data"),
                        () -> ListenAddress.DEFAULT, preflight, RunningAlloyFinder.forThisMachine(AlloyApi.loopbackClient(),
                        new PortOwners(OperatingSystem.current(), runner), runner)::find),
                executor, localization, Platform::runLater);
        agent.openLinksWith(url -> links.accept(url));
        main.agentStateProperty().bind(Bindings.createObjectBinding(() -> agent.statusProperty().get().state(),
                agent.statusProperty()));
        stack = new StackViewModel(
                // A stack that also sends to Grafana Cloud gets the token from the profile's store when Alloy is made.
                folder -> StackOrchestrator.open(new DockerEngineLocator(Environment.current()).locate(), folder,
                        Optional.of(new PortOwners(OperatingSystem.current(), runner)),
                        StackSecrets.fromCredentials(credentialServices.manager())),
                stackSettings -> new LocalStackChecks(stackSettings, AlloyApi.loopbackClient()).all(), new CheckRunner(),
                executor, localization, Platform::runLater,
                initialSettings.stackDir().map(Path::of).orElse(Environment.current().userHome().resolve("alloy-companion-stack")),
                dir -> settings.update(current -> current.withStackDir(Optional.of(dir.toString()))));
        stack.refreshCloudWith(current -> current.withCloudRefreshed(name -> {
            try {
                return credentialServices.manager().profiles().find(name);
            } catch (ProfileException e) {
                return Optional.empty();
            }
        }));
        // The stack's container lines also go to the Logs screen, each service as its own component to filter on.
        stack.forwardLinesTo(new ContainerLogForwarder(logBuffer));
        DataQueries queries = new DataQueries(EnvironmentProxySelector.forMachine(Environment.current()));
        CloudChecks.Services cloudServices = new CloudChecks.Services(alloy, credentialServices.manager(), credentialServices.tester(),
                new LeakScanner(runner), AlloyApi.loopbackClient(), new PortProbe(), lintContext, queries,
                EnvironmentProxySelector.forMachine(Environment.current()));
        ChecklistViewModel checklist = new ChecklistViewModel(frontendUrl -> {
            if (modeStep.localStack().get()) {
                // The ports of the stack folder the Stack screen shows; Grafana Cloud's items too when its Alloy also
                // sends there.
                StackSettings stackSettings = stack.settingsProperty().get();
                List<Check> checks = new ArrayList<>(new LocalStackChecks(stackSettings, AlloyApi.loopbackClient()).all());
                if (stackSettings.cloud().isPresent()) {
                    checks.addAll(new CloudChecks(CloudChecks.Setup.forLocalStack(Path.of(stack.folderProperty().get()), stackSettings,
                            Optional.empty()), cloudServices).forwarding(LocalStackChecks.ALLOY_READY));
                }
                return checks;
            }
            // "No errors in the last minutes": older lines (a watched service's journal backlog) do not count.
            Instant at = Instant.now();
            List<Insight> insights = agent.insights().stream().filter(insight -> insight.recent(at, Duration.ofMinutes(5))).toList();
            Settings now = settings.current();
            return new CloudChecks(new CloudChecks.Setup(now.configFile().map(Path::of).orElse(directories.data().resolve("config.alloy")),
                    ListenAddress.DEFAULT, now.alloyBinary().map(Path::of), Optional.empty(), frontendUrl,
                    Optional.of(() -> insights), Optional.empty()), cloudServices).all();
        }, new CheckRunner(), executor, localization, Platform::runLater, Clock.systemDefaultZone());
        checklist.frontendUrlProperty().set(initialSettings.frontendUrl().orElse(""));
        checklist.describeModeWith(() -> modeStep.localStack().get()
                ? stack.settingsProperty().get().cloud().isPresent() ? SetupMode.BOTH.id() : SetupMode.LOCAL_STACK.id()
                : SetupMode.GRAFANA_CLOUD.id());
        // No Dashboards screen: that item names its command instead of offering a button.
        checklist.offerFixes(EnumSet.complementOf(EnumSet.of(Fix.REMOVE_JAEGER)));
        checklist.sendTelemetryWith(() -> {
            if (modeStep.localStack().get()) {
                // The stack's Alloy: its OTLP receiver and API on the ports the stack folder publishes.
                StackSettings ports = stack.settingsProperty().get();
                return new TestTelemetry(URI.create("http://127.0.0.1:" + ports.otlpHttpHostPort()), new AlloyApi(AlloyApi.loopbackClient(),
                        "127.0.0.1:" + ports.hostPort(StackService.ALLOY))).send();
            }
            Path file = settings.current().configFile().map(Path::of).orElse(directories.data().resolve("config.alloy"));
            URI otlp = OtlpEndpoints.DEFAULT;
            try {
                otlp = OtlpEndpoints.fromConfig(file.toString(), Files.readString(file)).orElse(OtlpEndpoints.DEFAULT);
            } catch (IOException e) {
                // No config to read: the default receiver address.
            }
            return new TestTelemetry(otlp, new AlloyApi(AlloyApi.loopbackClient(), ListenAddress.DEFAULT)).send();
        });
        // The profile the checklist checked: the stack's when its Alloy also sends to Grafana Cloud, else the active one.
        checklist.importStarterWith(() -> StarterDashboardImport.run(credentialServices.manager(),
                modeStep.localStack().get() ? stack.settingsProperty().get().cloud().map(StackSettings.CloudForwarding::profile)
                        : Optional.empty(),
                EnvironmentProxySelector.forMachine(Environment.current())));
        checklist.onFix(fix -> {
            switch (fix) {
                case INSTALL_ALLOY -> main.screenProperty().set(Screen.SETUP);
                case OPEN_CREDENTIALS, TEST_CREDENTIALS, SCAN_FOR_LEAKS, SET_READ_TOKEN -> main.screenProperty().set(Screen.CREDENTIALS);
                case OPEN_CONFIG -> main.screenProperty().set(Screen.CONFIG);
                case START_AGENT -> {
                    agent.start();
                    main.screenProperty().set(Screen.AGENT);
                }
                case OPEN_LOGS -> main.screenProperty().set(Screen.LOGS);
                case SEND_TELEMETRY -> checklist.sendTestTelemetry();
                case START_STACK -> {
                    main.screenProperty().set(Screen.STACK);
                    stack.up();
                }
                case IMPORT_DASHBOARD -> checklist.importStarterDashboard();
                case REMOVE_JAEGER -> {
                    // Not offered (see offerFixes above).
                }
            }
        });
        // Checked again when what it checks changes, once the checklist has been looked at.
        Runnable recheck = () -> {
            if (checklist.hasResults() || checklist.runningProperty().get()) {
                checklist.run();
            }
        };
        agent.statusProperty().addListener((obs, old, now) -> {
            if (old.state() != now.state() && now.state() != AgentState.STARTING && now.state() != AgentState.STOPPING) {
                recheck.run();
            }
        });
        credentials.activeProperty().addListener((obs, old, now) -> recheck.run());
        config.setAfterSave(path -> {
            agent.configSaved(path);
            recheck.run();
        });
        StartStep startStep = new StartStep(agent, logBuffer);
        ChecklistStep checklistStep = new ChecklistStep(checklist);
        // The local stack runs its own Alloy in Docker: its Sources, Review and Start set up the stack folder and
        // its containers instead of a config and an agent on this computer.
        StackSourcesStep stackSourcesStep = new StackSourcesStep(stack, localization, modeStep.cloud(), () -> {
            try {
                return credentialServices.manager().profiles().activeProfile();
            } catch (ProfileException e) {
                // Unreadable profiles: the step says no profile is active; the Credentials step shows why.
                return Optional.empty();
            }
        }, executor);
        StackReviewStep stackReviewStep = new StackReviewStep(stackSourcesStep, executor, localization);
        StackStartStep stackStartStep = new StackStartStep(stack, localization);
        wizard = new WizardViewModel(List.of(modeStep, environmentStep, installStep, credentialsStep,
                new ModeSwitchedStep(modeStep, sourcesStep, stackSourcesStep), new ModeSwitchedStep(modeStep, reviewStep, stackReviewStep),
                new ModeSwitchedStep(modeStep, startStep, stackStartStep), checklistStep),
                state -> settings.update(current -> current.withWizard(state)));
        // Finishing lands where the agent runs: Alloy on this computer, or the local stack's containers.
        wizard.onFinished(() -> main.screenProperty().set(modeStep.localStack().get() ? Screen.STACK : Screen.AGENT));
        // The wizard's Review step wrote the config: the Config screen and a running agent follow, as after a save there.
        reviewStep.setAfterWrite(path -> {
            config.fileWritten(path);
            agent.configSaved(path);
            recheck.run();
        });
        sourcesStep.setAfterFrontendUrlSaved(url -> checklist.frontendUrlProperty().set(url.orElse("")));
        Runnable saveFrontend = () -> {
            Optional<String> url = Optional.of(checklist.frontendUrlProperty().get().trim()).filter(value -> !value.isEmpty());
            if (!url.equals(settings.current().frontendUrl())) {
                settings.update(current -> current.withFrontendUrl(url));
            }
        };
        // Alloy runs from the data folder and writes its data there, and settings are saved in the background: both
        // stop before the folders go. Afterwards the app closes, its folders gone.
        DataRemovalViewModel dataRemoval = new DataRemovalViewModel(new DataRemoval(directories, credentialServices.manager()),
                settings::current, Environment.current().userHome(), () -> {
                    agent.shutdown();
                    settings.stopSaving(Duration.ofSeconds(5));
                }, Platform::exit, executor, localization);
        SettingsViewModel settingsModel = new SettingsViewModel(settings, directories,
                language -> localization.setLocale(language.resolve(Locale.getDefault())), themes::apply,
                preferences -> {
                    logBuffer.resize(preferences.logBufferRecords());
                    agent.setRestartOnCrash(preferences.restartOnCrash());
                }, dataRemoval);
        LogsViewModel logs = new LogsViewModel(logBuffer, executor, localization, System::nanoTime, ZoneId.systemDefault());

        Map<Class<?>, Supplier<?>> controllers = Map.ofEntries(
                Map.entry(ConfigController.class, () -> new ConfigController(config, localization)),
                Map.entry(LogsController.class, () -> new LogsController(logs, localization)),
                Map.entry(ChecklistController.class, () -> new ChecklistController(checklist, localization, saveFrontend)),
                Map.entry(MainWindowController.class, () -> new MainWindowController(main, viewsRef())),
                Map.entry(WizardController.class, () -> new WizardController(wizard, viewsRef(), localization)),
                Map.entry(ModeStepController.class, () -> new ModeStepController(modeStep, wizard)),
                Map.entry(EnvironmentStepController.class, () -> new EnvironmentStepController(environmentStep, wizard)),
                Map.entry(InstallStepController.class, () -> new InstallStepController(installStep, wizard, localization)),
                Map.entry(CredentialsStepController.class, () -> new CredentialsStepController(credentialsStep)),
                Map.entry(SourcesStepController.class, () -> new SourcesStepController(sourcesStep, wizard, localization)),
                Map.entry(ReviewStepController.class, () -> new ReviewStepController(reviewStep)),
                Map.entry(StartStepController.class, () -> new StartStepController(startStep, localization)),
                Map.entry(StackSourcesStepController.class, () -> new StackSourcesStepController(stackSourcesStep, localization)),
                Map.entry(StackReviewStepController.class, () -> new StackReviewStepController(stackReviewStep, localization)),
                Map.entry(StackStartStepController.class, () -> new StackStartStepController(stackStartStep, wizard, localization)),
                Map.entry(ChecklistStepController.class, ChecklistStepController::new),
                Map.entry(CredentialsController.class, () -> new CredentialsController(credentials, localization)),
                Map.entry(ProfileFormController.class, () -> new ProfileFormController(credentials, localization, url -> links.accept(url))),
                Map.entry(EnvironmentController.class, () -> new EnvironmentController(environment)),
                Map.entry(SettingsController.class, () -> new SettingsController(settingsModel, localization)),
                Map.entry(StackController.class, () -> new StackController(stack, localization, url -> links.accept(url))),
                Map.entry(AgentController.class, () -> new AgentController(agent, localization, location -> {
                    config.open(Path.of(location.file()));
                    main.screenProperty().set(Screen.CONFIG);
                })));
        views = new ViewLoader(localization, controllers);
    }

    /** Where the user left off; the setup wizard until it was finished once. */
    private static Screen initialScreen(Settings settings) {
        if (!settings.wizard().completed()) {
            return Screen.SETUP;
        }
        return settings.screen().flatMap(name -> Arrays.stream(Screen.values())
                .filter(screen -> screen.name().equals(name)).findFirst()).orElse(Screen.ENVIRONMENT);
    }

    public AgentViewModel agent() {
        return agent;
    }

    private ViewLoader viewsRef() {
        return views;
    }

    /**
     * Starts the wizard where the user left it and looks for Alloy in the background, so the status bar knows about
     * it from the start (only that: the full machine check touches the keychain, which may ask to be unlocked).
     * Call once, on the FX thread, before showing the window.
     */
    public void start() {
        wizard.start(initialSettings.wizard());
        credentials.loadProfiles();
        agent.lookForRunningAlloy();
        // A stack left running: its state, and its containers' lines in the Logs screen, from the start.
        stack.refresh();
        BackgroundTask.of(progress -> alloy.detect(settingsWriter.current().alloyBinary().map(Path::of), "setting").binaries())
                .onSuccess(main::setAlloyFound).executeWith(executor);
    }

    public Parent createMainWindow() {
        return views.load(FxmlView.MAIN_WINDOW).root();
    }

    /**
     * Puts the main window into the stage in the current theme and language, and reloads it whenever the language
     * changes; the view models keep their state, so the user stays where they were.
     */
    public Scene attach(Stage stage, double width, double height) {
        Scene scene = new Scene(createMainWindow(), width, height);
        themes.style(scene);
        stage.setScene(scene);
        stage.setTitle(localization.get("app.title"));
        localization.localeProperty().addListener((obs, old, locale) -> {
            views.disposeLoaded();
            scene.setRoot(createMainWindow());
            stage.setTitle(localization.get("app.title"));
        });
        return scene;
    }

    /** How "open in browser" links open (the application's host services). */
    public void openLinksWith(Consumer<String> opener) {
        this.links = opener;
    }

    public LogBuffer logBuffer() {
        return logBuffer;
    }

    public Localization localization() {
        return localization;
    }

    public ThemeManager themes() {
        return themes;
    }

    public ErrorDialog errors() {
        return errors;
    }
}
