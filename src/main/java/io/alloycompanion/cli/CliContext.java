package io.alloycompanion.cli;

import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.KeychainProbe;
import io.alloycompanion.core.stack.DockerEngineLocator;
import java.io.InputStream;

/** The core services the commands use, built once from the machine's environment. */
public record CliContext(Environment env, AppDirectories directories, DoctorService doctor, InputStream stdin) {

    public static CliContext forMachine(Environment env) {
        AppDirectories directories = AppDirectories.resolve(env);
        var alloy = new AlloyDetector(env, new ProcessCommandRunner(), directories.data().resolve("alloy"));
        var probes = DoctorService.realProbes(env, new DockerEngineLocator(env), new KeychainProbe(), alloy, new PortProbe());
        return new CliContext(env, directories, new DoctorService(env, directories, probes), System.in);
    }
}
