package io.alloycompanion.core.settings;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.SecretRef;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.platform.LogFiles;
import io.alloycompanion.core.secrets.EncryptedFileSecretStore;
import io.alloycompanion.core.secrets.Redactor;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes everything the app keeps about its user, for when they want it all gone (the native packages'
 * uninstallers leave it, as they should by default): every profile's tokens from the store they are in, then the
 * config, data, logs and cache folders. {@link #plan} says first what would go and what stays; {@link #remove} then
 * removes item by item, so one failing keychain entry does not stop the rest, and reports each failure.
 *
 * <p>What stays, and the list says so: the user's own files outside these folders (a config or a local stack folder
 * chosen elsewhere), an Alloy installed by a package manager or as a service, and the tokens themselves in Grafana
 * Cloud. When a token cannot be deleted, the profiles file stays too: it is the record of where that token is.
 */
public final class DataRemoval {

    private static final Logger LOG = LoggerFactory.getLogger(DataRemoval.class);
    /** Where the local stack lives when the settings name no folder (see {@link Settings#stackDir()}). */
    static final String DEFAULT_STACK_FOLDER = "alloy-companion-stack";

    /** Closes the log files the app writes inside a folder, so it can be deleted; returns the files closed. */
    @FunctionalInterface
    public interface LogRelease {
        List<Path> closeIn(Path folder);
    }

    /** What an app folder is for. */
    public enum Role { CONFIG, DATA, LOGS, CACHE }

    /** A profile's token for Alloy, its read-only token for the checklist's queries, or its Grafana service account token. */
    public enum TokenUse { TOKEN, READ_TOKEN, GRAFANA_TOKEN }

    /** A token the app saved for a profile: where and under which account, never the token itself. */
    public record StoredToken(String profile, TokenUse use, SecretLocation location, String account) {
    }

    /**
     * One of the app's folders (two roles share one on macOS).
     *
     * @param bytes the size of the files in it, symbolic links not followed
     */
    public record Folder(Path path, Set<Role> roles, boolean exists, long bytes, long files) {
        public Folder {
            roles = Set.copyOf(roles);
        }

        /** The roles in their natural order, for listing. */
        public List<Role> orderedRoles() {
            return EnumSet.copyOf(roles).stream().toList();
        }
    }

    /** Why something is not removed. */
    public enum KeptReason {
        /** The Alloy config the settings point to lies outside the app's folders: it is the user's file. */
        CONFIG_FILE_ELSEWHERE,
        /** The local stack's folder (and its Docker volumes) lies outside the app's folders. */
        STACK_FOLDER,
        /** Anything else of the user's outside the app's folders. */
        OWN_FILES,
        /** Alloy installed by a package manager or as a service, and a token handed to such a service. */
        SERVICES,
        /** The tokens stay valid in Grafana Cloud until revoked there. */
        CLOUD_TOKENS
    }

    /** Something that stays, said so in the list so nobody expects it gone. */
    public record Kept(KeptReason reason, Optional<Path> path) {
    }

    /**
     * What {@link #remove} would remove, and what it leaves.
     *
     * @param profilesProblem why the profiles file could not be read (its tokens cannot be found then)
     */
    public record Plan(List<StoredToken> tokens, Optional<String> profilesProblem, Path profilesFile,
                       Path encryptedSecretsFile, List<Folder> folders, List<Kept> kept) {
        public Plan {
            tokens = List.copyOf(tokens);
            folders = List.copyOf(folders);
            kept = List.copyOf(kept);
        }
    }

    /** Why an item was not (completely) removed. */
    public enum ProblemKind {
        /** The keychain (or another store) refused to delete the token; {@code detail} says why. */
        STORE_FAILED,
        /** Files in a folder could not be deleted; {@code detail} says how many, the first and why. */
        FILES_LEFT,
        /** The profiles file ({@code detail}) was kept: it records where the tokens that could not be removed are. */
        KEPT_AS_RECORD,
        /** The profiles file could not be read, so the tokens it points to could not be found; it was kept. */
        PROFILES_UNREADABLE
    }

    /** @param detail the technical part (a path, the keychain's or the file system's words); never a secret */
    public record Problem(ProblemKind kind, String detail) {
    }

    public record TokenResult(StoredToken token, Optional<Problem> problem) {
    }

    public record FolderResult(Folder folder, List<Problem> problems) {
        public FolderResult {
            problems = List.copyOf(problems);
        }
    }

    /** @param closedLogFiles the log files the app was writing, closed so their folder could go */
    public record Outcome(List<TokenResult> tokens, List<FolderResult> folders, List<Path> closedLogFiles) {
        public Outcome {
            tokens = List.copyOf(tokens);
            folders = List.copyOf(folders);
            closedLogFiles = List.copyOf(closedLogFiles);
        }

        /** Whether everything listed was removed. */
        public boolean complete() {
            return tokens.stream().allMatch(result -> result.problem().isEmpty())
                    && folders.stream().allMatch(result -> result.problems().isEmpty());
        }
    }

    private final AppDirectories directories;
    private final CredentialManager credentials;
    private final Path encryptedSecretsFile;
    private final LogRelease logs;

    /** The encrypted secrets file in the data folder; the log files logback writes are closed before their folder goes. */
    public DataRemoval(AppDirectories directories, CredentialManager credentials) {
        this(directories, credentials, directories.data().resolve(EncryptedFileSecretStore.FILE_NAME), LogFiles::closeIn);
    }

    public DataRemoval(AppDirectories directories, CredentialManager credentials, Path encryptedSecretsFile,
                       LogRelease logs) {
        this.directories = directories;
        this.credentials = credentials;
        this.encryptedSecretsFile = encryptedSecretsFile;
        this.logs = logs;
    }

    /**
     * What would be removed and what stays; reads the profiles and measures the folders, so not for the UI thread.
     *
     * @param settings the user's settings: where their config and local stack folder are
     * @param userHome where the local stack folder is when the settings name none
     */
    public Plan plan(Settings settings, Path userHome) {
        Optional<String> profilesProblem = Optional.empty();
        List<StoredToken> tokens = List.of();
        try {
            tokens = storedTokens();
        } catch (ProfileException e) {
            profilesProblem = Optional.of(e.getMessage());
        }
        List<Folder> folders = folders();
        List<Kept> kept = new ArrayList<>();
        settings.configFile().map(Path::of).map(Path::toAbsolutePath)
                .filter(file -> outside(file, folders))
                .ifPresent(file -> kept.add(new Kept(KeptReason.CONFIG_FILE_ELSEWHERE, Optional.of(file))));
        Path stack = settings.stackDir().map(Path::of).orElse(userHome.resolve(DEFAULT_STACK_FOLDER)).toAbsolutePath();
        if (Files.exists(stack) && outside(stack, folders)) {
            kept.add(new Kept(KeptReason.STACK_FOLDER, Optional.of(stack)));
        }
        kept.add(new Kept(KeptReason.OWN_FILES, Optional.empty()));
        kept.add(new Kept(KeptReason.SERVICES, Optional.empty()));
        if (!tokens.isEmpty()) {
            kept.add(new Kept(KeptReason.CLOUD_TOKENS, Optional.empty()));
        }
        return new Plan(tokens, profilesProblem, credentials.profilesFile(), encryptedSecretsFile, folders, kept);
    }

    /**
     * Removes what {@code plan} lists (and any token saved since), tokens first, then the folders. Never throws for
     * one item: each failure is in the outcome. Close everything that writes into these folders first (the agent,
     * the settings writer); the log files are closed here.
     */
    public Outcome remove(Plan plan) {
        List<StoredToken> tokens = new ArrayList<>(plan.tokens());
        try {
            storedTokens().stream().filter(token -> !tokens.contains(token)).forEach(tokens::add);
        } catch (ProfileException e) {
            // Listed in the plan already, or the file broke since: its record is kept either way.
        }
        Map<StoredToken, Optional<Problem>> results = new LinkedHashMap<>();
        for (StoredToken token : tokens) {
            if (token.location() != SecretLocation.ENCRYPTED_FILE) {
                results.put(token, deleteFromStore(token));
            }
        }
        // The encrypted file goes as a whole, so its passphrase is not needed.
        Optional<Problem> encrypted = deleteFile(plan.encryptedSecretsFile());
        List<TokenResult> tokenResults = tokens.stream()
                .map(token -> new TokenResult(token, token.location() == SecretLocation.ENCRYPTED_FILE ? encrypted
                        : results.get(token)))
                .toList();
        boolean keepProfiles = plan.profilesProblem().isPresent()
                || tokenResults.stream().anyMatch(result -> result.problem().isPresent());

        List<Path> closed = logs.closeIn(directories.logs());
        List<FolderResult> folderResults = new ArrayList<>();
        for (Folder folder : plan.folders()) {
            Path profiles = plan.profilesFile().toAbsolutePath().normalize();
            Optional<Path> keep = keepProfiles && profiles.startsWith(folder.path()) ? Optional.of(profiles) : Optional.empty();
            List<Problem> problems = new ArrayList<>(deleteTree(folder.path(), keep));
            if (keep.isPresent() && Files.exists(keep.get())) {
                problems.add(plan.profilesProblem().map(why -> new Problem(ProblemKind.PROFILES_UNREADABLE, why))
                        .orElse(new Problem(ProblemKind.KEPT_AS_RECORD, keep.get().toString())));
            }
            folderResults.add(new FolderResult(folder, problems));
        }
        tidyEmptyParents(plan.folders());
        return new Outcome(tokenResults, folderResults, closed);
    }

    private List<StoredToken> storedTokens() throws ProfileException {
        List<StoredToken> tokens = new ArrayList<>();
        for (StackProfile profile : credentials.profiles().profiles()) {
            profile.secret().ifPresent(ref -> tokens.add(stored(profile, TokenUse.TOKEN, ref)));
            profile.readSecret().ifPresent(ref -> tokens.add(stored(profile, TokenUse.READ_TOKEN, ref)));
            profile.grafanaSecret().ifPresent(ref -> tokens.add(stored(profile, TokenUse.GRAFANA_TOKEN, ref)));
        }
        return tokens;
    }

    private static StoredToken stored(StackProfile profile, TokenUse use, SecretRef ref) {
        return new StoredToken(profile.name(), use, ref.location(), ref.account());
    }

    private Optional<Problem> deleteFromStore(StoredToken token) {
        try {
            credentials.deleteStored(new SecretRef(token.location(), token.account()));
            return Optional.empty();
        } catch (SecretStoreException e) {
            LOG.warn("Could not delete the token {} from {}: {}", token.account(), token.location(), e.getMessage());
            return Optional.of(new Problem(ProblemKind.STORE_FAILED, e.getMessage()));
        } catch (RuntimeException e) {
            String why = Redactor.global().redact(Errors.rootMessage(e));
            LOG.warn("Could not delete the token {} from {}: {}", token.account(), token.location(), why);
            return Optional.of(new Problem(ProblemKind.STORE_FAILED, why));
        }
    }

    private static Optional<Problem> deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Problem(ProblemKind.FILES_LEFT, file + ": " + Errors.rootMessage(e)));
        }
    }

    /** The distinct app folders; one inside another is part of it. */
    private List<Folder> folders() {
        Map<Path, EnumSet<Role>> roles = new LinkedHashMap<>();
        Map<Role, Path> paths = Map.of(Role.CONFIG, directories.config(), Role.DATA, directories.data(),
                Role.LOGS, directories.logs(), Role.CACHE, directories.cache());
        for (Role role : Role.values()) {
            roles.computeIfAbsent(paths.get(role).toAbsolutePath().normalize(), path -> EnumSet.noneOf(Role.class)).add(role);
        }
        Map<Path, EnumSet<Role>> merged = new LinkedHashMap<>();
        roles.keySet().stream().sorted(Comparator.comparingInt(Path::getNameCount)).forEach(path -> {
            Optional<Path> outer = merged.keySet().stream().filter(path::startsWith).findFirst();
            if (outer.isPresent()) {
                merged.get(outer.get()).addAll(roles.get(path));
            } else {
                merged.put(path, roles.get(path));
            }
        });
        return merged.entrySet().stream()
                .sorted(Comparator.comparing(entry -> entry.getValue().iterator().next()))
                .map(entry -> measure(entry.getKey(), entry.getValue())).toList();
    }

    private static Folder measure(Path path, Set<Role> roles) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new Folder(path, roles, false, 0, 0);
        }
        long[] totals = new long[2];
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        totals[0] += attributes.size();
                    }
                    totals[1]++;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.debug("Could not measure {}", path, e);
        }
        return new Folder(path, roles, true, totals[0], totals[1]);
    }

    private static boolean outside(Path file, List<Folder> folders) {
        Path normal = file.normalize();
        return folders.stream().noneMatch(folder -> normal.startsWith(folder.path()));
    }

    /**
     * Deletes the folder and everything in it except {@code keep}, going on past failures; symbolic links are
     * deleted, never followed.
     */
    private static List<Problem> deleteTree(Path root, Optional<Path> keep) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> failures = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (keep.filter(file::equals).isEmpty()) {
                        delete(file, failures);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    failures.add(file + ": " + Errors.rootMessage(e));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    try {
                        Files.delete(dir);
                    } catch (DirectoryNotEmptyException notEmpty) {
                        // Something inside failed or was kept, and is reported as that.
                        if (failures.isEmpty() && keep.filter(kept -> kept.startsWith(dir)).isEmpty()) {
                            failures.add(dir + ": something was added to it while it was being removed");
                        }
                    } catch (IOException other) {
                        failures.add(dir + ": " + Errors.rootMessage(other));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            failures.add(root + ": " + Errors.rootMessage(e));
        }
        if (failures.isEmpty()) {
            return List.of();
        }
        failures.forEach(failure -> LOG.warn("Not removed: {}", failure));
        String detail = failures.size() == 1 ? failures.get(0)
                : failures.size() + " items, the first " + failures.get(0);
        return List.of(new Problem(ProblemKind.FILES_LEFT, detail));
    }

    private static void delete(Path file, List<String> failures) {
        try {
            Files.delete(file);
        } catch (AccessDeniedException denied) {
            // Windows will not delete a read-only file; elsewhere this attribute does not exist.
            try {
                Files.setAttribute(file, "dos:readonly", false, LinkOption.NOFOLLOW_LINKS);
                Files.delete(file);
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                failures.add(file + ": " + Errors.rootMessage(denied));
            }
        } catch (IOException e) {
            failures.add(file + ": " + Errors.rootMessage(e));
        }
    }

    /** The app-named folders that held these (Linux's state folder for the logs, Windows' local one) once empty. */
    private static void tidyEmptyParents(List<Folder> folders) {
        folders.stream().map(folder -> folder.path().getParent()).filter(parent -> parent != null)
                .filter(AppDirectories::namedAfterApp).distinct().forEach(parent -> {
                    try (Stream<Path> children = Files.list(parent)) {
                        if (children.findAny().isEmpty()) {
                            Files.delete(parent);
                        }
                    } catch (IOException e) {
                        // Absent or not empty: nothing to tidy.
                    }
                });
    }
}
