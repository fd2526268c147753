package io.alloycompanion.core.grafana;

/** A datasource as Grafana lists it ({@code GET /api/datasources}). */
public record GrafanaDatasource(String uid, String name, String type, boolean isDefault) {

    public boolean isType(String wanted) {
        return type.equalsIgnoreCase(wanted);
    }
}
