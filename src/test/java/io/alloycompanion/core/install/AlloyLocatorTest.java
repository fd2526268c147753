package io.alloycompanion.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.ExecutableFinder;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.testsupport.FakeCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlloyLocatorTest {

    @TempDir
    Path temp;

    private Path fakeBinary(String dir) throws Exception {
        Path file = Files.createDirectories(temp.resolve(dir)).resolve("alloy");
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void asksEachAlloyOnPathForItsVersion() throws Exception {
        Path good = fakeBinary("good");
        Path broken = fakeBinary("broken");
        var runner = new FakeCommandRunner()
                .answer(List.of(good.toString(), "--version"), 0, AlloyVersionTest.OUTPUT)
                .answer(List.of(broken.toString(), "--version"), new CommandResult(2, "", "flag provided but not defined\n", false));
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("PATH", good.getParent() + ":" + broken.getParent()), temp);

        List<AlloyBinary> found = new AlloyLocator(new ExecutableFinder(env), runner).findOnPath();

        assertThat(found).hasSize(2);
        assertThat(found.get(0).version()).contains("v1.18.0");
        assertThat(found.get(0).source()).isEqualTo("PATH");
        assertThat(found.get(1).version()).isEmpty();
        assertThat(found.get(1).problem()).hasValueSatisfying(problem ->
                assertThat(problem).contains("exited 2").contains("flag provided but not defined"));
    }

    @Test
    void reportsAHangingBinary() throws Exception {
        Path slow = fakeBinary("slow");
        var runner = new FakeCommandRunner().answer(List.of(slow.toString(), "--version"), new CommandResult(-1, "", "", true));
        AlloyBinary result = new AlloyLocator(new ExecutableFinder(new Environment(OperatingSystem.LINUX,
                Architecture.AMD64, Map.of(), temp)), runner).inspect(slow, "setting");
        assertThat(result.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("did not answer"));
    }
}
