package io.roster.contracts.account;

/** Applications a workspace can enable; some bring account rules (Save: SAVE_SPACE_MAX at least 1 GB). */
public enum Application { SAVE, MEDIA, MEET, WORK, WORK_SHARE, SIGN }
