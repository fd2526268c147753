package io.alloycompanion.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads FXML views with the current language's strings and controllers built by constructor injection from one
 * registry, so no controller reaches for a global.
 */
public final class ViewLoader {

    /** A loaded view and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }

    private final Localization localization;
    private final Map<Class<?>, Supplier<?>> controllers;
    private final List<DisposableController> live = new ArrayList<>();

    public ViewLoader(Localization localization, Map<Class<?>, Supplier<?>> controllers) {
        this.localization = localization;
        this.controllers = Map.copyOf(controllers);
    }

    /** Disposes every controller loaded so far; their views are about to be replaced. */
    public void disposeLoaded() {
        live.forEach(DisposableController::dispose);
        live.clear();
    }

    public <C> Loaded<C> load(FxmlView view) {
        FXMLLoader loader = new FXMLLoader(ViewLoader.class.getResource(view.resource()), localization.bundle());
        loader.setControllerFactory(type -> {
            Supplier<?> supplier = controllers.get(type);
            if (supplier == null) {
                throw new IllegalStateException("No controller registered for " + type.getName());
            }
            Object controller = supplier.get();
            // Included views (fx:include) have controllers too; all of them are disposed with the view.
            if (controller instanceof DisposableController disposable) {
                live.add(disposable);
            }
            return controller;
        });
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + view.resource(), e);
        }
    }
}
