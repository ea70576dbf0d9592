/**
 * Protection against overload and abuse: per-user send rates, per-address handshake rates and
 * connection caps, all configurable and all switched off by 0.
 */
package app.chat.protection;
