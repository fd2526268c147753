package io.alloycompanion.core.grafana;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What became of one dashboard file in an import. */
public sealed interface DashboardImport {

    /** The file as given (or as found in a folder that was given). */
    String file();

    /**
     * Saved in Grafana.
     *
     * @param url     where to open it
     * @param status  Grafana's status word ({@code success})
     * @param version the dashboard's version in Grafana after the save
     * @param inputs  each {@code __inputs} name and the uid (or value) it became
     * @param notes   references to datasources this Grafana does not have, and what was done about them
     */
    record Imported(String file, String title, String uid, String url, String status, int version,
                    Map<String, String> inputs, List<String> notes) implements DashboardImport {

        public Imported {
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            notes = List.copyOf(notes);
        }
    }

    /** Not saved: why, and what to do. */
    record Failed(String file, Optional<String> title, GrafanaException.Reason reason, String error)
            implements DashboardImport {
    }
}
