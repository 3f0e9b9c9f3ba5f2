import { describe, expect, it } from "vitest";
import { describeHours, describeMoment, isOpen, nextOpening, type WeeklyHours } from "../../worker/src/contact/hours";
import { outOfHoursReply } from "../../worker/src/contact/auto-reply";

const weekdays: WeeklyHours = {
  "1": [["07:30", "11:30"], ["13:30", "17:00"]],
  "2": [["07:30", "11:30"], ["13:30", "17:00"]],
  "3": [["07:30", "11:30"], ["13:30", "17:00"]],
  "4": [["07:30", "11:30"], ["13:30", "17:00"]],
  "5": [["07:30", "11:30"], ["13:30", "17:00"]],
  "6": [["07:30", "11:30"]],
};
// Local time is UTC+7: 2026-11-23 is a Monday.
const at = (localIso: string) => new Date(`${localIso}+07:00`);

describe("opening hours", () => {
  it("is open inside a period and closed at lunch, at night and on Sunday", () => {
    expect(isOpen(weekdays, [], at("2026-11-23T08:00:00"))).toBe(true);
    expect(isOpen(weekdays, [], at("2026-11-23T12:00:00"))).toBe(false);
    expect(isOpen(weekdays, [], at("2026-11-23T17:00:00"))).toBe(false);
    expect(isOpen(weekdays, [], at("2026-11-28T09:00:00"))).toBe(true); // Saturday morning
    expect(isOpen(weekdays, [], at("2026-11-28T14:00:00"))).toBe(false);
    expect(isOpen(weekdays, [], at("2026-11-29T09:00:00"))).toBe(false); // Sunday
  });

  it("respects public holidays", () => {
    expect(isOpen(weekdays, ["2026-11-23"], at("2026-11-23T08:00:00"))).toBe(false);
    expect(nextOpening(weekdays, ["2026-11-23"], at("2026-11-23T08:00:00"))).toEqual(at("2026-11-24T07:30:00"));
  });

  it("finds the next opening across lunch, nights and weekends", () => {
    expect(nextOpening(weekdays, [], at("2026-11-23T12:00:00"))).toEqual(at("2026-11-23T13:30:00"));
    expect(nextOpening(weekdays, [], at("2026-11-28T12:00:00"))).toEqual(at("2026-11-30T07:30:00"));
    expect(nextOpening({}, [], at("2026-11-28T12:00:00"))).toBeNull();
  });

  it("says it in Vietnamese", () => {
    expect(describeMoment(at("2026-11-30T07:30:00"))).toBe("7:30 sáng Thứ Hai, 30/11");
    expect(describeHours(weekdays)).toEqual(["Thứ Hai – Thứ Sáu: 7:30–11:30, 13:30–17:00", "Thứ Bảy: 7:30–11:30"]);
  });
});

describe("out-of-hours reply", () => {
  it("answers when closed, with the next opening, and stays silent while open", () => {
    expect(outOfHoursReply(weekdays, [], at("2026-11-23T08:00:00"), null)).toBeNull();
    expect(outOfHoursReply(weekdays, [], at("2026-11-23T20:00:00"), null)).toContain("từ 7:30 sáng Thứ Ba, 24/11");
  });

  it("answers once per closed period", () => {
    const firstReply = at("2026-11-23T20:00:00").getTime();
    expect(outOfHoursReply(weekdays, [], at("2026-11-23T22:00:00"), firstReply)).toBeNull();
    // The centre opened on Tuesday morning after that reply: Tuesday night is a new closed period.
    expect(outOfHoursReply(weekdays, [], at("2026-11-24T19:00:00"), firstReply)).toContain("Thứ Tư, 25/11");
  });

  it("never invents an opening time when the schedule has none", () => {
    expect(outOfHoursReply({}, [], at("2026-11-23T20:00:00"), null)).toContain("khi trung tâm làm việc trở lại");
  });
});
