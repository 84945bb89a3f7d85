/** The interface permissions the mock platform checks (WeChat's "接口权限" page), shared with the UI. */
export const API_PERMISSIONS = ['qrcode', 'user_info', 'user_list', 'custom_send'] as const;
export type ApiPermission = (typeof API_PERMISSIONS)[number];
