/** MicroProfile Health checks: the instance is ready when it can reach its database. */
package app.chat.health;
