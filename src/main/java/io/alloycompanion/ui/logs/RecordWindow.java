package io.alloycompanion.ui.logs;

import io.alloycompanion.core.agent.LogRecord;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The records the Logs screen holds, oldest first: a read-only observable list that moves forward in one step per
 * pull (records dropped at the head and new ones added at the tail are one change event, not two), so the filtered
 * list and the table do their bookkeeping once per batch.
 */
final class RecordWindow extends ObservableListBase<LogRecord> {

    private final ArrayList<LogRecord> records = new ArrayList<>();

    /**
     * Removes the {@code dropped} oldest records and appends {@code added}, as one change.
     *
     * @param dropped how many records to remove from the head; at most {@link #size()}
     */
    void advance(int dropped, List<LogRecord> added) {
        if (dropped < 0 || dropped > records.size()) {
            throw new IllegalArgumentException("cannot drop " + dropped + " of " + records.size() + " records");
        }
        if (dropped == 0 && added.isEmpty()) {
            return;
        }
        beginChange();
        try {
            if (dropped > 0) {
                List<LogRecord> head = records.subList(0, dropped);
                List<LogRecord> removed = new ArrayList<>(head);
                head.clear();
                nextRemove(0, removed);
            }
            int from = records.size();
            records.addAll(added);
            if (!added.isEmpty()) {
                nextAdd(from, records.size());
            }
        } finally {
            endChange();
        }
    }

    @Override
    public LogRecord get(int index) {
        return records.get(index);
    }

    @Override
    public int size() {
        return records.size();
    }
}
