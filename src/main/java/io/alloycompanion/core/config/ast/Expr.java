package io.alloycompanion.core.config.ast;

import io.alloycompanion.core.config.syntax.TokenKind;
import java.util.List;

/** An expression. */
public sealed interface Expr extends Node permits Expr.Literal, Expr.Identifier, Expr.Array, Expr.ObjectLit,
        Expr.Access, Expr.Index, Expr.Call, Expr.Unary, Expr.Binary, Expr.Paren {

    /** A string, number, float, bool or null, with its text exactly as written (quotes included). */
    record Literal(TokenKind kind, String value, int pos) implements Expr {
        @Override
        public int start() {
            return pos;
        }

        @Override
        public int end() {
            return pos < 0 ? NO_POS : pos + value.length() - 1;
        }
    }

    record Identifier(Ident ident) implements Expr {
        @Override
        public int start() {
            return ident.start();
        }

        @Override
        public int end() {
            return ident.end();
        }
    }

    record Array(int lBrack, List<Expr> elements, int rBrack) implements Expr {
        public Array {
            elements = List.copyOf(elements);
        }

        @Override
        public int start() {
            return lBrack;
        }

        @Override
        public int end() {
            return rBrack;
        }
    }

    record ObjectLit(int lCurly, List<ObjectField> fields, int rCurly) implements Expr {
        public ObjectLit {
            fields = List.copyOf(fields);
        }

        @Override
        public int start() {
            return lCurly;
        }

        @Override
        public int end() {
            return rCurly;
        }
    }

    record Access(Expr value, Ident name) implements Expr {
        @Override
        public int start() {
            return value.start();
        }

        @Override
        public int end() {
            return name.end();
        }
    }

    record Index(Expr value, int lBrack, Expr index, int rBrack) implements Expr {
        @Override
        public int start() {
            return value.start();
        }

        @Override
        public int end() {
            return rBrack;
        }
    }

    record Call(Expr value, int lParen, List<Expr> args, int rParen) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public int start() {
            return value.start();
        }

        @Override
        public int end() {
            return rParen;
        }
    }

    record Unary(TokenKind kind, int pos, Expr value) implements Expr {
        @Override
        public int start() {
            return pos;
        }

        @Override
        public int end() {
            return value.end();
        }
    }

    record Binary(Expr left, TokenKind kind, int pos, Expr right) implements Expr {
        @Override
        public int start() {
            return left.start();
        }

        @Override
        public int end() {
            return right.end();
        }
    }

    record Paren(int lParen, Expr inner, int rParen) implements Expr {
        @Override
        public int start() {
            return lParen;
        }

        @Override
        public int end() {
            return rParen;
        }
    }
}
