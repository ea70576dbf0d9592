/** Browser notifications for direct messages and mentions while the tab is hidden. */
export function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

export function notificationPermission(): NotificationPermission | "unsupported" {
  return notificationsSupported() ? Notification.permission : "unsupported";
}

export async function askForNotifications(): Promise<NotificationPermission | "unsupported"> {
  if (!notificationsSupported()) return "unsupported";
  return Notification.requestPermission();
}

export function notify(title: string, body: string, tag: string, onClick: () => void): void {
  if (notificationPermission() !== "granted") return;
  const notification = new Notification(title, { body: body.slice(0, 200), tag });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
