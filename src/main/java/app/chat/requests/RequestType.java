package app.chat.requests;

import app.chat.protection.Budget;
import java.util.function.Consumer;

/**
 * A request type of the protocol: its {@code type} on the wire, the allowance it spends besides the
 * one every frame spends (null: none), and what handles it.
 */
public record RequestType(String type, Budget budget, Consumer<Request> handler) {}
