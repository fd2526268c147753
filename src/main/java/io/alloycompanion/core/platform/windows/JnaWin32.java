package io.alloycompanion.core.platform.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.win32.StdCallLibrary;

/** {@link Win32} through JNA: {@code jna-platform}'s Kernel32 plus the job-object calls it does not declare. */
final class JnaWin32 implements Win32 {

    /** {@code JOBOBJECTINFOCLASS.JobObjectExtendedLimitInformation}. */
    static final int JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9;
    static final int JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000;

    /** The kernel32 job functions {@code jna-platform} 5.13 does not declare. */
    interface Jobs extends StdCallLibrary {
        WinNT.HANDLE CreateJobObjectW(Pointer attributes, WString name);

        boolean SetInformationJobObject(WinNT.HANDLE job, int infoClass, Pointer info, int length);

        boolean AssignProcessToJobObject(WinNT.HANDLE job, WinNT.HANDLE process);
    }

    /** {@code JOBOBJECT_EXTENDED_LIMIT_INFORMATION} (144 bytes on 64-bit Windows). */
    @Structure.FieldOrder({"PerProcessUserTimeLimit", "PerJobUserTimeLimit", "LimitFlags", "MinimumWorkingSetSize",
            "MaximumWorkingSetSize", "ActiveProcessLimit", "Affinity", "PriorityClass", "SchedulingClass", "IoInfo",
            "ProcessMemoryLimit", "JobMemoryLimit", "PeakProcessMemoryUsed", "PeakJobMemoryUsed"})
    public static final class ExtendedLimitInformation extends Structure {
        public long PerProcessUserTimeLimit;
        public long PerJobUserTimeLimit;
        public int LimitFlags;
        public BaseTSD.SIZE_T MinimumWorkingSetSize = new BaseTSD.SIZE_T();
        public BaseTSD.SIZE_T MaximumWorkingSetSize = new BaseTSD.SIZE_T();
        public int ActiveProcessLimit;
        public BaseTSD.ULONG_PTR Affinity = new BaseTSD.ULONG_PTR();
        public int PriorityClass;
        public int SchedulingClass;
        public WinNT.IO_COUNTERS IoInfo = new WinNT.IO_COUNTERS();
        public BaseTSD.SIZE_T ProcessMemoryLimit = new BaseTSD.SIZE_T();
        public BaseTSD.SIZE_T JobMemoryLimit = new BaseTSD.SIZE_T();
        public BaseTSD.SIZE_T PeakProcessMemoryUsed = new BaseTSD.SIZE_T();
        public BaseTSD.SIZE_T PeakJobMemoryUsed = new BaseTSD.SIZE_T();
    }

    private static final int PROCESS_SET_QUOTA = 0x0100;
    private static final int PROCESS_TERMINATE = 0x0001;

    private final Kernel32 kernel32;
    private final Jobs jobs;

    private JnaWin32(Kernel32 kernel32, Jobs jobs) {
        this.kernel32 = kernel32;
        this.jobs = jobs;
    }

    /** Loads kernel32; throws {@link UnsatisfiedLinkError} off Windows or when JNA's native part cannot load. */
    static JnaWin32 load() {
        return new JnaWin32(Kernel32.INSTANCE, Native.load("kernel32", Jobs.class));
    }

    @Override
    public boolean attachConsole(long pid) {
        return kernel32.AttachConsole((int) pid);
    }

    @Override
    public boolean freeConsole() {
        return kernel32.FreeConsole();
    }

    @Override
    public boolean generateCtrlBreak() {
        return kernel32.GenerateConsoleCtrlEvent(Kernel32.CTRL_BREAK_EVENT, 0);
    }

    @Override
    public int lastError() {
        return Native.getLastError();
    }

    @Override
    public Job createKillOnCloseJob() {
        WinNT.HANDLE job = jobs.CreateJobObjectW(null, null);
        if (job == null) {
            return null;
        }
        ExtendedLimitInformation limits = new ExtendedLimitInformation();
        limits.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        limits.write();
        if (!jobs.SetInformationJobObject(job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, limits.getPointer(), limits.size())) {
            int error = Native.getLastError();
            kernel32.CloseHandle(job);
            Native.setLastError(error);
            return null;
        }
        return pid -> {
            WinNT.HANDLE process = kernel32.OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, false, (int) pid);
            if (process == null) {
                return false;
            }
            try {
                return jobs.AssignProcessToJobObject(job, process);
            } finally {
                int error = Native.getLastError();
                kernel32.CloseHandle(process);
                Native.setLastError(error);
            }
        };
    }
}
