package io.alloycompanion.core.config.edit;

import io.alloycompanion.core.config.ast.AttributeStmt;
import io.alloycompanion.core.config.ast.BlockStmt;
import io.alloycompanion.core.config.ast.ConfigFile;
import io.alloycompanion.core.config.ast.Expr;
import io.alloycompanion.core.config.ast.Stmt;
import io.alloycompanion.core.config.ast.Trees;
import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import io.alloycompanion.core.config.syntax.Identifiers;
import io.alloycompanion.core.config.syntax.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config that can be changed by meaning instead of by line number: find a component, get, set or remove an
 * attribute at a path inside it, add or remove blocks, rename a label together with every reference to it.
 *
 * <p>Edits splice the source text at the spans of the nodes they touch, so everything else (comments, blank lines,
 * the user's own layout) stays byte for byte, and the diff of an edit is as small as a careful human's. Every result
 * is parsed again before it is returned; an edit that would break the syntax is refused.
 */
public final class ConfigDocument {

    private static final Pattern SEGMENT = Pattern.compile("^([A-Za-z_][\\w]*)(?:\\[(\\d+)])?$");

    private final String name;
    private final String text;
    private final ConfigFile tree;

    private ConfigDocument(String name, String text, ConfigFile tree) {
        this.name = name;
        this.text = text;
        this.tree = tree;
    }

    public static ConfigDocument parse(String name, String text) throws ConfigEditException {
        ParseResult parsed = Parser.parse(name, text);
        if (parsed.hasErrors()) {
            throw new ConfigEditException("the config has syntax errors: " + parsed.diagnostics().get(0));
        }
        return new ConfigDocument(name, text, parsed.file());
    }

    public String text() {
        return text;
    }

    public ConfigFile tree() {
        return tree;
    }

    // Queries

    public Optional<BlockStmt> component(ComponentId id) {
        return Trees.blocks(tree.body()).stream().filter(id::matches).findFirst();
    }

    public List<BlockStmt> components() {
        return Trees.blocks(tree.body());
    }

    /** The value at {@code path} inside the component, as an expression. */
    public Optional<Expr> get(ComponentId id, String path) throws ConfigEditException {
        BlockStmt block = require(id);
        List<String> segments = List.of(path.split("\\."));
        Optional<BlockStmt> parent = descend(block, segments.subList(0, segments.size() - 1));
        return parent.flatMap(found -> Trees.attribute(found.body(), segments.get(segments.size() - 1)))
                .map(AttributeStmt::value);
    }

    /** The source text of the value at {@code path}, exactly as written. */
    public Optional<String> getSource(ComponentId id, String path) throws ConfigEditException {
        return get(id, path).map(expr -> text.substring(expr.start(), expr.end() + 1));
    }

    // Edits

    /** Sets an attribute, creating it and any missing blocks on the way (for example {@code endpoint.basic_auth.username}). */
    public ConfigDocument set(ComponentId id, String path, Value value) throws ConfigEditException {
        List<String> segments = List.of(path.split("\\."));
        segments.forEach(ConfigDocument::checkSegment);
        String attribute = segments.get(segments.size() - 1);
        BlockStmt block = require(id);
        List<String> blockPath = segments.subList(0, segments.size() - 1);

        // Go as deep as the existing blocks allow.
        BlockStmt deepest = block;
        int depth = 0;
        for (String segment : blockPath) {
            Optional<BlockStmt> next = child(deepest, segment);
            if (next.isEmpty()) {
                break;
            }
            deepest = next.get();
            depth++;
        }
        if (depth == blockPath.size()) {
            Optional<AttributeStmt> existing = Trees.attribute(deepest.body(), attribute);
            if (existing.isPresent()) {
                Expr old = existing.get().value();
                return splice(old.start(), old.end() + 1, value.render());
            }
        }
        // Build what is missing: the remaining blocks and the attribute, innermost first.
        List<String> lines = new ArrayList<>();
        lines.add(attribute + " = " + value.render());
        for (int i = blockPath.size() - 1; i >= depth; i--) {
            List<String> wrapped = new ArrayList<>();
            wrapped.add(bare(blockPath.get(i)) + " {");
            lines.forEach(line -> wrapped.add("\t" + line));
            wrapped.add("}");
            lines = wrapped;
        }
        return insertInto(deepest, lines);
    }

    /** Removes the attribute or block at {@code path}, with its line(s) when it stands alone on them. */
    public ConfigDocument remove(ComponentId id, String path) throws ConfigEditException {
        List<String> segments = List.of(path.split("\\."));
        BlockStmt block = require(id);
        BlockStmt parent = descend(block, segments.subList(0, segments.size() - 1))
                .orElseThrow(() -> new ConfigEditException("no " + path + " in " + id));
        String last = segments.get(segments.size() - 1);
        Optional<? extends Stmt> target = Trees.attribute(parent.body(), last);
        if (target.isEmpty()) {
            target = child(parent, last);
        }
        Stmt stmt = target.orElseThrow(() -> new ConfigEditException("no " + path + " in " + id));
        return removeStatement(stmt);
    }

    /** Removes a whole component. */
    public ConfigDocument removeComponent(ComponentId id) throws ConfigEditException {
        return removeStatement(require(id));
    }

    /** Appends a block (given as source, e.g. from the generator) at the end of the file, after a blank line. */
    public ConfigDocument addBlock(String blockSource) throws ConfigEditException {
        String trimmed = blockSource.strip();
        String prefix = text.isEmpty() ? "" : text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        return withText(text + prefix + trimmed + "\n");
    }

    /** Gives a component a new label and updates every reference to it in the file. */
    public ConfigDocument renameLabel(ComponentId id, String newLabel) throws ConfigEditException {
        if (!Identifiers.isValid(newLabel)) {
            throw new ConfigEditException("\"" + newLabel + "\" is not a valid label: use letters, digits and _");
        }
        BlockStmt block = require(id);
        if (block.label().isEmpty()) {
            throw new ConfigEditException(id + " has no label to rename");
        }
        String oldId = block.id();
        String newId = block.fullName() + "." + newLabel;
        if (component(ComponentId.parse(newId)).isPresent()) {
            throw new ConfigEditException(newId + " already exists");
        }
        List<int[]> spans = new ArrayList<>();
        spans.add(new int[] {block.labelPos(), block.labelPos() + block.label().length() + 2});
        Trees.forEachStatement(tree.body(), (stmt, enclosing) -> {
            if (stmt instanceof AttributeStmt) {
                Trees.forEachExpression(((AttributeStmt) stmt).value(), expr -> {
                    if (expr instanceof Expr.Access && Trees.dottedName(expr).filter(oldId::equals).isPresent()) {
                        Expr.Access access = (Expr.Access) expr;
                        spans.add(new int[] {access.name().pos(), access.name().pos() + access.name().name().length()});
                    }
                });
            }
        });
        spans.sort((a, b) -> Integer.compare(b[0], a[0]));
        StringBuilder out = new StringBuilder(text);
        for (int[] span : spans) {
            boolean isLabel = span[0] == block.labelPos();
            out.replace(span[0], span[1], isLabel ? "\"" + newLabel + "\"" : newLabel);
        }
        return withText(out.toString());
    }

    // Helpers

    private BlockStmt require(ComponentId id) throws ConfigEditException {
        return component(id).orElseThrow(() -> new ConfigEditException(id + " is not declared in " + name));
    }

    private static void checkSegment(String segment) {
        if (!SEGMENT.matcher(segment).matches()) {
            throw new IllegalArgumentException("\"" + segment + "\" is not a block or attribute name");
        }
    }

    private static String bare(String segment) {
        Matcher matcher = SEGMENT.matcher(segment);
        return matcher.matches() ? matcher.group(1) : segment;
    }

    /** The nested block named by a segment: {@code endpoint}, or {@code endpoint[1]} for the second one. */
    private static Optional<BlockStmt> child(BlockStmt parent, String segment) {
        Matcher matcher = SEGMENT.matcher(segment);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<BlockStmt> named = Trees.blocks(parent.body(), matcher.group(1));
        int index = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        return index < named.size() ? Optional.of(named.get(index)) : Optional.empty();
    }

    private static Optional<BlockStmt> descend(BlockStmt from, List<String> segments) {
        BlockStmt current = from;
        for (String segment : segments) {
            Optional<BlockStmt> next = child(current, segment);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    private ConfigDocument splice(int start, int end, String replacement) throws ConfigEditException {
        return withText(text.substring(0, start) + replacement + text.substring(end));
    }

    private ConfigDocument withText(String newText) throws ConfigEditException {
        ParseResult parsed = Parser.parse(name, newText);
        if (parsed.hasErrors()) {
            throw new ConfigEditException("the edit would break the config: " + parsed.diagnostics().get(0).message());
        }
        return new ConfigDocument(name, newText, parsed.file());
    }

    /** The whitespace at the start of the line holding {@code offset}. */
    private String indentOf(int offset) {
        SourceFile source = tree.source();
        int lineStart = source.lineStart(source.line(offset));
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** The indentation unit the file uses: a tab unless its blocks are indented with spaces. */
    private String indentUnit() {
        for (BlockStmt block : Trees.blocks(tree.body())) {
            if (!block.body().isEmpty()) {
                String inner = indentOf(block.body().get(0).start());
                String outer = indentOf(block.start());
                if (inner.length() > outer.length() && inner.startsWith(outer)) {
                    return inner.substring(outer.length());
                }
            }
        }
        return "\t";
    }

    private ConfigDocument insertInto(BlockStmt block, List<String> lines) throws ConfigEditException {
        String unit = indentUnit();
        String blockIndent = indentOf(block.start());
        SourceFile source = tree.source();
        boolean bodyOnHeaderLine = block.body().isEmpty()
                || source.line(block.body().get(0).start()) == source.line(block.lCurly());
        String bodyIndent = bodyOnHeaderLine ? blockIndent + unit : indentOf(block.body().get(0).start());
        StringBuilder insertion = new StringBuilder();
        for (String line : lines) {
            insertion.append(bodyIndent).append(line.replace("\t", unit)).append('\n');
        }
        if (block.body().isEmpty()) {
            boolean oneLine = source.line(block.lCurly()) == source.line(block.rCurly());
            if (oneLine) {
                // `name { }` becomes a block over several lines.
                return splice(block.lCurly() + 1, block.rCurly(), "\n" + insertion + blockIndent);
            }
            int afterBrace = source.lineStart(source.line(block.lCurly()) + 1);
            return splice(afterBrace, afterBrace, insertion.toString());
        }
        Stmt last = block.body().get(block.body().size() - 1);
        if (source.line(last.end()) == source.line(block.rCurly())) {
            // `name { a = 1 }`: the body shares the closing line; open the block up and add the new lines inside.
            String inner = block.body().size() == 1 && source.line(block.lCurly()) == source.line(block.rCurly())
                    ? "\n" + blockIndent + unit + text.substring(block.body().get(0).start(), last.end() + 1).strip() + "\n"
                    : text.substring(block.lCurly() + 1, last.end() + 1) + "\n";
            String separator = lines.size() > 1 ? "\n" : "";
            return splice(block.lCurly() + 1, block.rCurly(), inner + separator + insertion + blockIndent);
        }
        if (lines.size() > 1) {
            // A new block goes at the end of the body, set off by a blank line as fmt does.
            int at = endOfLine(last.end());
            return splice(at, at, "\n" + insertion);
        }
        // A new attribute goes after the last attribute (attributes come before blocks), else before the first block.
        Stmt anchor = null;
        for (Stmt stmt : block.body()) {
            if (stmt instanceof AttributeStmt) {
                anchor = stmt;
            }
        }
        if (anchor != null) {
            int at = endOfLine(anchor.end());
            return splice(at, at, insertion.toString());
        }
        int at = source.lineStart(source.line(block.body().get(0).start()));
        return splice(at, at, insertion.append('\n').toString());
    }

    /** The offset just after the line break that ends the line holding {@code offset}. */
    private int endOfLine(int offset) {
        int newline = text.indexOf('\n', offset);
        return newline < 0 ? text.length() : newline + 1;
    }

    private ConfigDocument removeStatement(Stmt stmt) throws ConfigEditException {
        SourceFile source = tree.source();
        int lineStart = source.lineStart(source.line(stmt.start()));
        int end = endOfLine(stmt.end());
        boolean aloneOnLines = text.substring(lineStart, stmt.start()).isBlank()
                && text.substring(stmt.end() + 1, end).isBlank();
        if (!aloneOnLines) {
            return splice(stmt.start(), stmt.end() + 1, "");
        }
        // Drop one of two blank lines the removal would leave next to each other, or a blank line left at the end.
        boolean blankBefore = lineStart >= 2 && text.charAt(lineStart - 1) == '\n'
                && text.substring(source.lineStart(source.line(lineStart - 1)), lineStart - 1).isBlank();
        int nextLineEnd = end < text.length() ? endOfLine(end) : end;
        boolean blankAfter = end < text.length() && text.substring(end, nextLineEnd).isBlank();
        if ((blankBefore || lineStart == 0) && blankAfter) {
            end = nextLineEnd;
        } else if (blankBefore && end >= text.length()) {
            lineStart = source.lineStart(source.line(lineStart - 1));
        }
        return splice(lineStart, end, "");
    }
}
