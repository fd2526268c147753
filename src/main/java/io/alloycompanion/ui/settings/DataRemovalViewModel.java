package io.alloycompanion.ui.settings;

import io.alloycompanion.core.platform.ByteSizes;
import io.alloycompanion.core.settings.DataRemoval;
import io.alloycompanion.core.settings.DataRemoval.Folder;
import io.alloycompanion.core.settings.DataRemoval.FolderResult;
import io.alloycompanion.core.settings.DataRemoval.Kept;
import io.alloycompanion.core.settings.DataRemoval.Outcome;
import io.alloycompanion.core.settings.DataRemoval.Plan;
import io.alloycompanion.core.settings.DataRemoval.Problem;
import io.alloycompanion.core.settings.DataRemoval.StoredToken;
import io.alloycompanion.core.settings.DataRemoval.TokenResult;
import io.alloycompanion.core.settings.DataRemoval.TokenUse;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Settings screen's "Remove all my data…": lists what would go and what stays for the user to confirm, then stops
 * what writes into the app's folders, removes everything in the background and reports item by item. The app cannot
 * run on without its folders, so the end is always closing it.
 */
public final class DataRemovalViewModel {

    /** Where the removal is. */
    public enum Phase {
        IDLE,
        /** Reading the profiles and measuring the folders. */
        LISTING,
        /** The list is ready: the user confirms or cancels. */
        CONFIRMING,
        REMOVING,
        /** Removed (completely or not): the result is ready and the app should close. */
        DONE
    }

    /** Stops everything that writes into the app's folders (the agent, the settings writer) before they go. */
    @FunctionalInterface
    public interface BeforeRemoval {
        void run() throws Exception;
    }

    private final DataRemoval removal;
    private final Supplier<Settings> settings;
    private final Path userHome;
    private final BeforeRemoval beforeRemoval;
    private final Runnable quit;
    private final TaskExecutor executor;
    private final Localization l10n;
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.IDLE);
    private Optional<Plan> plan = Optional.empty();
    private Optional<Outcome> outcome = Optional.empty();

    /**
     * @param userHome where the local stack folder is when the settings name none
     * @param quit     closes the app cleanly
     */
    public DataRemovalViewModel(DataRemoval removal, Supplier<Settings> settings, Path userHome,
                                BeforeRemoval beforeRemoval, Runnable quit, TaskExecutor executor, Localization l10n) {
        this.removal = removal;
        this.settings = settings;
        this.userHome = userHome;
        this.beforeRemoval = beforeRemoval;
        this.quit = quit;
        this.executor = executor;
        this.l10n = l10n;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    /** Lists what would be removed, in the background; the phase turns {@link Phase#CONFIRMING} when it is ready. */
    public void prepare() {
        if (phase.get() != Phase.IDLE) {
            return;
        }
        phase.set(Phase.LISTING);
        BackgroundTask.of(progress -> removal.plan(settings.get(), userHome))
                .onSuccess(listed -> {
                    plan = Optional.of(listed);
                    phase.set(Phase.CONFIRMING);
                })
                .onFinished(() -> {
                    if (phase.get() == Phase.LISTING) {
                        phase.set(Phase.IDLE);
                    }
                })
                .executeWith(executor);
    }

    /** The user said no: nothing was touched. */
    public void cancel() {
        if (phase.get() == Phase.CONFIRMING) {
            plan = Optional.empty();
            phase.set(Phase.IDLE);
        }
    }

    /** The user confirmed: stops what writes into the folders, then removes, in the background. */
    public void confirm() {
        if (phase.get() != Phase.CONFIRMING || plan.isEmpty()) {
            return;
        }
        Plan confirmed = plan.get();
        phase.set(Phase.REMOVING);
        BackgroundTask.of(progress -> {
                    beforeRemoval.run();
                    return removal.remove(confirmed);
                })
                .onSuccess(removed -> {
                    outcome = Optional.of(removed);
                    phase.set(Phase.DONE);
                })
                .onFinished(() -> {
                    if (phase.get() == Phase.REMOVING) {
                        // Failed outside any one item (the error dialog says why); what was stopped stays stopped.
                        phase.set(Phase.IDLE);
                    }
                })
                .executeWith(executor);
    }

    /** Closes the app: after the removal it has no folders to run on. */
    public void quit() {
        quit.run();
    }

    /** Whether everything listed was removed (false before the removal). */
    public boolean complete() {
        return outcome.map(Outcome::complete).orElse(false);
    }

    // ---- texts -----------------------------------------------------------------------------------------------------

    /** What would go and what stays, one line each, in the user's language; empty until the list is ready. */
    public List<String> planLines() {
        if (plan.isEmpty()) {
            return List.of();
        }
        Plan listed = plan.get();
        List<String> lines = new ArrayList<>();
        lines.add(l10n.get("removeData.tokens"));
        if (listed.tokens().isEmpty() && listed.profilesProblem().isEmpty()) {
            lines.add("  " + l10n.get("removeData.noTokens"));
        }
        listed.tokens().forEach(token -> lines.add("  " + tokenText(token, listed)));
        listed.profilesProblem().ifPresent(why -> lines.add("  " + l10n.get("removeData.profilesUnreadable", why)));
        lines.add(l10n.get("removeData.folders"));
        for (Folder folder : listed.folders()) {
            lines.add("  " + (folder.exists()
                    ? l10n.get("removeData.folder", folder.path().toString(), roles(folder), ByteSizes.describe(folder.bytes(), l10n.locale()))
                    : l10n.get("removeData.folder.missing", folder.path().toString(), roles(folder))));
        }
        lines.add(l10n.get("removeData.kept"));
        listed.kept().forEach(kept -> lines.add("  " + keptText(kept)));
        lines.add(l10n.get("removeData.afterwards"));
        return lines;
    }

    /** The heading of the result. */
    public String resultHeader() {
        return l10n.get(complete() ? "removeData.done.header" : "removeData.partial.header");
    }

    /** What became of each item, failures first; empty before the removal. */
    public List<String> resultLines() {
        if (outcome.isEmpty()) {
            return List.of();
        }
        List<String> failed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (TokenResult result : outcome.get().tokens()) {
            String what = tokenName(result.token());
            result.problem().ifPresentOrElse(problem -> failed.add(l10n.get("removeData.notRemoved", what, problemText(problem))),
                    () -> removed.add(l10n.get("removeData.removed", what)));
        }
        for (FolderResult result : outcome.get().folders()) {
            String what = result.folder().path().toString();
            if (result.problems().isEmpty()) {
                if (result.folder().exists()) {
                    removed.add(l10n.get("removeData.removed", what));
                }
            } else {
                result.problems().forEach(problem -> failed.add(l10n.get("removeData.notRemoved", what, problemText(problem))));
            }
        }
        List<String> lines = new ArrayList<>(failed);
        lines.addAll(removed);
        lines.add(l10n.get(complete() ? "removeData.done.text" : "removeData.partial.text"));
        return lines;
    }

    private String tokenText(StoredToken token, Plan listed) {
        return switch (token.location()) {
            case KEYCHAIN -> l10n.get(switch (token.use()) {
                case TOKEN -> "removeData.token.keychain";
                case READ_TOKEN -> "removeData.readToken.keychain";
                case GRAFANA_TOKEN -> "removeData.grafanaToken.keychain";
            }, token.profile(), token.account());
            case ENCRYPTED_FILE -> l10n.get(switch (token.use()) {
                case TOKEN -> "removeData.token.encryptedFile";
                case READ_TOKEN -> "removeData.readToken.encryptedFile";
                case GRAFANA_TOKEN -> "removeData.grafanaToken.encryptedFile";
            }, token.profile(), listed.encryptedSecretsFile().toString());
            case ASK_EACH_TIME -> l10n.get(switch (token.use()) {
                case TOKEN -> "removeData.token.askEachTime";
                case READ_TOKEN -> "removeData.readToken.askEachTime";
                case GRAFANA_TOKEN -> "removeData.grafanaToken.askEachTime";
            }, token.profile());
        };
    }

    private String tokenName(StoredToken token) {
        return l10n.get(switch (token.use()) {
            case TOKEN -> "removeData.tokenOf";
            case READ_TOKEN -> "removeData.readTokenOf";
            case GRAFANA_TOKEN -> "removeData.grafanaTokenOf";
        }, token.profile());
    }

    private String roles(Folder folder) {
        return folder.orderedRoles().stream().map(role -> switch (role) {
            case CONFIG -> l10n.get("removeData.role.config");
            case DATA -> l10n.get("removeData.role.data");
            case LOGS -> l10n.get("removeData.role.logs");
            case CACHE -> l10n.get("removeData.role.cache");
        }).collect(Collectors.joining("; "));
    }

    private String keptText(Kept kept) {
        String path = kept.path().map(Path::toString).orElse("");
        return switch (kept.reason()) {
            case CONFIG_FILE_ELSEWHERE -> l10n.get("removeData.kept.configFile", path);
            case STACK_FOLDER -> l10n.get("removeData.kept.stackFolder", path);
            case OWN_FILES -> l10n.get("removeData.kept.ownFiles");
            case SERVICES -> l10n.get("removeData.kept.services");
            case CLOUD_TOKENS -> l10n.get("removeData.kept.cloudTokens");
        };
    }

    private String problemText(Problem problem) {
        return switch (problem.kind()) {
            case STORE_FAILED -> l10n.get("removeData.problem.store", problem.detail());
            case FILES_LEFT -> l10n.get("removeData.problem.files", problem.detail());
            case KEPT_AS_RECORD -> l10n.get("removeData.problem.keptAsRecord", problem.detail());
            case PROFILES_UNREADABLE -> l10n.get("removeData.problem.profilesUnreadable", problem.detail());
        };
    }
}
