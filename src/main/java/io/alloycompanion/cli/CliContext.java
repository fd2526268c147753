package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.EncryptedFileSecretStore;
import io.alloycompanion.core.secrets.KeychainProbe;
import io.alloycompanion.core.stack.DockerEngineLocator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.alloycompanion.core.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The core services the commands use, built once from the machine's environment.
 *
 * @param secrets where profile tokens are kept; tests hand in memory stores instead of the OS keychain
 * @param runner  runs git, systemctl, pkexec, brew and PowerShell; tests hand in a fake that records the commands
 * @param terminal where a command asks for a confirmation; tests hand in one that answers as scripted
 */
public record CliContext(Environment env, AppDirectories directories, DoctorService doctor, InputStream stdin,
                         CredentialManager.SecretStores secrets, CommandRunner runner, Terminal terminal) {

    public CliContext(Environment env, AppDirectories directories, DoctorService doctor, InputStream stdin,
                      CredentialManager.SecretStores secrets, CommandRunner runner) {
        this(env, directories, doctor, stdin, secrets, runner, Terminal.console());
    }

    public CliContext(Environment env, AppDirectories directories, DoctorService doctor, InputStream stdin,
                      CredentialManager.SecretStores secrets) {
        this(env, directories, doctor, stdin, secrets, new ProcessCommandRunner());
    }

    public CliContext(Environment env, AppDirectories directories, DoctorService doctor, InputStream stdin) {
        this(env, directories, doctor, stdin, MachineSecretStores.forDirectories(directories));
    }

    /** The stack profiles with their tokens; the encrypted file's passphrase, if needed, is asked for on the terminal. */
    public CredentialManager credentials() {
        return credentials(PassphraseInput.console());
    }

    /**
     * The same, with the encrypted file's passphrase read from {@code passphrase}. Stores handed in by tests are used
     * as they are.
     */
    CredentialManager credentials(PassphraseInput passphrase) {
        CredentialManager.SecretStores stores = secrets instanceof MachineSecretStores machine
                ? machine.withPassphrase(passphrase) : secrets;
        return new CredentialManager(new ProfileStore(directories.config().resolve("profiles.json")), stores);
    }

    /** Where the encrypted-file store keeps its tokens. */
    public Path encryptedSecretsFile() {
        return secrets instanceof MachineSecretStores machine ? machine.encryptedFile()
                : directories.data().resolve(EncryptedFileSecretStore.FILE_NAME);
    }

    /** The user's settings, read only (a file that cannot be read gives the defaults; commands never rewrite it). */
    public Settings settings() {
        try {
            return new ObjectMapper().registerModule(new Jdk8Module())
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(directories.settingsFile().toFile(), Settings.class);
        } catch (IOException | RuntimeException e) {
            return Settings.DEFAULTS;
        }
    }

    public static CliContext forMachine(Environment env) {
        AppDirectories directories = AppDirectories.resolve(env);
        var runner = new ProcessCommandRunner();
        var alloy = new AlloyDetector(env, runner, directories.data().resolve("alloy"));
        var probes = DoctorService.realProbes(env, new DockerEngineLocator(env), new KeychainProbe(), alloy, new PortProbe());
        return new CliContext(env, directories, new DoctorService(env, directories, probes), System.in,
                MachineSecretStores.forDirectories(directories), runner, Terminal.console());
    }
}
