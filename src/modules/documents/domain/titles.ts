// The title offered for a new 解读 of a policy (2020 要点 第7点: 解读 accompanies its policy).
//
// 《…》 marks a title; GB/T 15834-2011 (标点符号用法) §4.15 writes a title inside a title with 〈〉.
// A policy is often named by its own title marks — 《朝阳市…办法》 — or issued by a notice that
// names it — 关于印发《…办法》的通知 — so wrapping it in 《》 as it is gave 《《…》》 or a notice's
// name; the interpretation names the policy itself.

const WRAPPED = /^《([^《》]+)》$/;
// 关于印发/转发/发布/公布《X》的通知 (and 决定, 通告, 公告): the policy is X.
const ISSUING = /^(?:[^《》]*?)关于(?:印发|转发|发布|公布|修订|修改)《([^《》]+)》的(?:通知|决定|通告|公告|批复)$/;

/** 《policy》政策解读, with the policy's own title marks removed or nested as 〈〉. */
export function interpretationTitle(policyTitle: string): string {
  const t = policyTitle.trim();
  const name = WRAPPED.exec(t)?.[1] ?? ISSUING.exec(t)?.[1] ?? t.replace(/《/g, '〈').replace(/》/g, '〉');
  return `《${name}》政策解读`;
}
