package io.alloycompanion.core.doctor;

/** Lets tests outside this package build a doctor whose probes answer like a healthy machine. */
public final class DoctorServiceTestProbes {

    private DoctorServiceTestProbes() {
    }

    public static DoctorService.Probes healthy() {
        return DoctorServiceTest.healthyProbes();
    }
}
