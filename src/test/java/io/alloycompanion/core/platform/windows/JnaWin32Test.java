package io.alloycompanion.core.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/** The job limits structure has the layout Windows reads (x64: the same alignment rules as this JVM's platform). */
class JnaWin32Test {

    @Test
    void extendedLimitInformationHasTheSizeAndOffsetsOfTheWin64Struct() {
        assumeTrue(Native.POINTER_SIZE == 8, "the layout checked is the 64-bit one");
        JnaWin32.ExtendedLimitInformation limits = new JnaWin32.ExtendedLimitInformation();
        limits.LimitFlags = JnaWin32.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        limits.ProcessMemoryLimit.setValue(0x1122334455667788L);
        limits.write();

        // sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION) on Win64: 64 (basic limits) + 48 (IO_COUNTERS) + 4 * 8.
        assertThat(limits.size()).isEqualTo(144);
        assertThat(limits.getPointer().getInt(16)).as("LimitFlags after two LARGE_INTEGERs").isEqualTo(0x2000);
        assertThat(limits.getPointer().getLong(112)).as("ProcessMemoryLimit after IoInfo").isEqualTo(0x1122334455667788L);
    }
}
