package io.alloycompanion.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/**
 * What the screenshot tools that walk a real window share: work on the FX thread, find nodes by id, type, press,
 * wait for a condition, and write the scene as a PNG.
 */
abstract class SceneDriver {

    protected Scene scene;

    protected <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    protected Node node(String id) {
        Node found = scene.lookup(id);
        if (found == null) {
            throw new IllegalStateException("nothing on screen is " + id);
        }
        return found;
    }

    /** What a list on screen holds now, read on the FX thread (where it is replaced). */
    @SuppressWarnings("unchecked")
    protected <T> List<T> items(String id) throws Exception {
        return onFx(() -> List.copyOf(((ListView<T>) node(id)).getItems()));
    }

    /** What a table on screen holds now, read on the FX thread. */
    @SuppressWarnings("unchecked")
    protected <T> List<T> rows(String id) throws Exception {
        return onFx(() -> List.copyOf(((TableView<T>) node(id)).getItems()));
    }

    protected Button button(String id) throws Exception {
        return onFx(() -> (Button) node(id));
    }

    protected String text(String id) throws Exception {
        return onFx(() -> ((TextField) node(id)).getText());
    }

    protected void type(String id, String value) throws Exception {
        onFx(() -> {
            ((javafx.scene.control.TextInputControl) node(id)).setText(value);
            return null;
        });
    }

    protected void fire(String id) throws Exception {
        onFx(() -> {
            ((ButtonBase) node(id)).fire();
            return null;
        });
    }

    protected void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the wizard did not get there in " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    /** A condition on a step not on screen yet is not met yet. */
    private static boolean holds(Callable<Boolean> condition) throws InterruptedException {
        try {
            return condition.call();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return false;
        }
    }

    protected void shot(Path out, String name) throws Exception {
        Thread.sleep(400); // let layout and CSS settle
        onFx(() -> {
            InstallStepScreenshots.write(scene.snapshot(null), out.resolve(name + ".png").toFile());
            return null;
        });
        System.out.println("wrote " + out.resolve(name + ".png"));
    }
}
