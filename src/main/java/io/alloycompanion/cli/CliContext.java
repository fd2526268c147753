package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.KeychainProbe;
import io.alloycompanion.core.stack.DockerEngineLocator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.alloycompanion.core.settings.Settings;
import java.io.IOException;
import java.io.InputStream;

/**
 * The core services the commands use, built once from the machine's environment.
 *
 * @param secrets where profile tokens are kept; tests hand in memory stores instead of the OS keychain
 */
public record CliContext(Environment env, AppDirectories directories, DoctorService doctor, InputStream stdin,
                         CredentialManager.SecretStores secrets) {

    public CliContext(Environment env, AppDirectories directories, DoctorService doctor, InputStream stdin) {
        this(env, directories, doctor, stdin, MachineSecretStores.forDirectories(directories));
    }

    /** The stack profiles with their tokens. */
    public CredentialManager credentials() {
        return new CredentialManager(new ProfileStore(directories.config().resolve("profiles.json")), secrets);
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
        var alloy = new AlloyDetector(env, new ProcessCommandRunner(), directories.data().resolve("alloy"));
        var probes = DoctorService.realProbes(env, new DockerEngineLocator(env), new KeychainProbe(), alloy, new PortProbe());
        return new CliContext(env, directories, new DoctorService(env, directories, probes), System.in);
    }
}
