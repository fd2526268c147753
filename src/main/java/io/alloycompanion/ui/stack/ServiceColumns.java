package io.alloycompanion.ui.stack;

import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.ui.common.Localization;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** The stack's service table columns, as the Local stack screen and the wizard's Start step both show them. */
public final class ServiceColumns {

    private ServiceColumns() {
    }

    /** Docker's container states (and "missing": the stack knows the service, the engine has no container for it). */
    static String stateText(Localization l10n, String state) {
        return switch (state) {
            case "created" -> l10n.get("stack.state.created");
            case "running" -> l10n.get("stack.state.running");
            case "paused" -> l10n.get("stack.state.paused");
            case "restarting" -> l10n.get("stack.state.restarting");
            case "removing" -> l10n.get("stack.state.removing");
            case "exited" -> l10n.get("stack.state.exited");
            case "dead" -> l10n.get("stack.state.dead");
            case "missing" -> l10n.get("stack.state.missing");
            default -> state;
        };
    }

    public static void bind(Localization l10n, TableColumn<StackViewModel.Row, String> service,
                            TableColumn<StackViewModel.Row, String> state,
                            TableColumn<StackViewModel.Row, ServiceStatus.Health> health,
                            TableColumn<StackViewModel.Row, String> ports) {
        service.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().service().id()));
        state.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().state()));
        state.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : stateText(l10n, value));
            }
        });
        health.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().health()));
        health.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(ServiceStatus.Health value, boolean empty) {
                super.updateItem(value, empty);
                getStyleClass().removeAll("stack-health-healthy", "stack-health-unhealthy", "stack-health-unknown");
                if (empty || value == null) {
                    setText(null);
                    return;
                }
                setText(l10n.get(switch (value) {
                    case HEALTHY -> "stack.health.healthy";
                    case UNHEALTHY -> "stack.health.unhealthy";
                    case UNKNOWN -> "stack.health.unknown";
                }));
                getStyleClass().add("stack-health-" + value.name().toLowerCase(Locale.ROOT));
            }
        });
        ports.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().ports()));
    }
}
