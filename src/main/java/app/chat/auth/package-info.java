/**
 * Who may connect: verification of SSO-issued JWTs (MicroProfile JWT configuration keys), the
 * handshake filter that refuses bad tokens and foreign origins before the upgrade, and the dev login
 * that issues tokens for local trials.
 */
package app.chat.auth;
