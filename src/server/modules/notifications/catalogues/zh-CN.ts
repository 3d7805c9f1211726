import type { Catalogue } from './en.js';

export const zhCN: Catalogue = {
  layout: {
    greeting: '{{name}}，您好：',
    greetingWithoutName: '您好：',
    signOff: '此致\nConsilium 医学第二诊疗意见团队',
    privacy:
      '为保护您的隐私，我们绝不会在电子邮件中提及任何医疗信息。与您病例相关的一切内容都保存在您安全的 Consilium 账户中。',
    noReply: '此邮件由系统自动发送，回复将无人查阅。如需联系我们，请使用病例页面中的消息功能。',
  },
  templates: {
    'account.welcome': {
      subject: '欢迎使用 Consilium',
      body: '您的账户已经开通。无论何时何地，只要您对某项诊断或治疗方案心存疑虑，都可以在这里申请医学第二诊疗意见，无需提出理赔。\n\n一位医生将担任您的专属个案经理，在 24 小时内与您联系，并用您的语言一直陪伴您，需要多久就陪伴多久。',
      action: '进入我的账户',
    },
    'account.sign_up_attempted': {
      subject: '有人尝试使用此电子邮件地址创建账户',
      body: '刚才有人尝试使用此电子邮件地址创建 Consilium 账户。此地址已有账户，因此没有创建或更改任何内容。\n\n如果是您本人，请直接使用密码登录。如果不是您，则无需执行任何操作。',
      action: '登录',
    },
    'account.staff_welcome': {
      subject: '您的 Consilium 工作账户',
      body: '我们的运营团队已用此电子邮件地址为您开通了 Consilium 账户。临时密码将由团队直接交给您，绝不会通过电子邮件发送。\n\n首次登录时，您需要设置自己的密码，并使用身份验证器应用开启两步登录。作为网络中的专科医生，您随后可以在您的评审工作台上看到向您发出的评审邀请。',
      action: '登录',
    },
    'account.password_reset': {
      subject: '设置新的 Consilium 密码',
      body: '有人请求为使用此电子邮件地址的 Consilium 账户设置新密码。如果是您本人，请点击下方链接：该链接只能使用一次，有效期为 {{minutes}} 分钟。保存新密码后，所有已登录您账户的设备都将退出登录。\n\n如果不是您本人，您无需采取任何行动：您的密码保持不变。',
      action: '设置新密码',
    },
    'account.email_verification': {
      subject: '确认您在 Consilium 使用的电子邮件地址',
      body: '欢迎使用 Consilium。请点击下方链接，确认此电子邮件地址属于您本人：该链接在 {{hours}} 小时内有效。确认后，您即可提交第二医疗意见申请，我们会通过此地址与您联系。\n\n如果您没有创建 Consilium 账户，则无需采取任何行动。',
      action: '确认我的电子邮件地址',
    },
    'case.submitted': {
      subject: '我们已收到您的申请 {{caseNumber}}',
      body: '感谢您的信任。您的个案经理 {{caseManagerName}} 将在 {{contactBy}} 之前与您联系。\n\n在此期间如需补充任何内容，您可以在病例页面中添加。',
      action: '查看我的病例',
    },
    'case.received': {
      subject: '我们已收到您的申请 {{caseNumber}}',
      body: '感谢您的信任。我们正在为您选择担任个案经理的医生，他将在 {{contactBy}} 之前与您联系。\n\n在此期间如需补充任何内容，您可以在病例页面中添加。',
      action: '查看我的病例',
    },
    'case.unassigned': {
      subject: '病例 {{caseNumber}} 正在等待分配个案经理',
      body: '病例 {{caseNumber}} 没有能及时在岗且有空余名额的个案经理。首次联系须在 {{firstContactDue}} 之前完成。请分配一名个案经理。',
      action: '打开病例',
    },
    'security.access_denials_burst': {
      subject: '安全提醒：账户 {{accountId}} 被拒绝访问 {{deniedCount}} 次',
      body: '自 {{windowStartsAt}} 起的五分钟内，账户 {{accountId}} 访问其无权查看的记录被拒绝了 {{deniedCount}} 次。这可能是有人在尝试访问他人的记录。请在审计记录中查看该账户的活动，必要时停用该账户。',
      action: '打开 Consilium',
    },
    'case.assigned': {
      subject: '新病例 {{caseNumber}} 已分配给您',
      body: '病例 {{caseNumber}} 已分配给您。请在 {{firstContactDue}} 之前与会员进行首次联系。',
      action: '打开病例',
    },
    'case.first_contact_warning': {
      subject: '提醒：病例 {{caseNumber}} 的首次联系即将到期',
      body: '病例 {{caseNumber}} 的会员尚未被联系。首次联系须在 {{firstContactDue}} 之前完成。如果您无法按时完成，请告知运营团队，以便及时将病例转交给同事。',
      action: '打开病例',
    },
    'case.first_contact_escalation': {
      subject: '升级处理：病例 {{caseNumber}} 未按时首次联系',
      body: '病例 {{caseNumber}} 的首次联系应在 {{firstContactDue}} 之前完成，但目前尚无记录。负责的个案经理是 {{caseManagerName}}。请查看该病例，必要时重新分配。',
      action: '打开病例',
    },
    'case.reassigned': {
      subject: '您的病例 {{caseNumber}} 更换了个案经理',
      body: '为了让您的病例顺利推进、不受耽搁，现在由 {{caseManagerName}} 担任您病例 {{caseNumber}} 的个案经理。您之前提供的所有资料都保留在病例中，无需重新发送。',
      action: '查看我的病例',
    },
    'case.message_received': {
      subject: '病例 {{caseNumber}} 有新消息',
      body: '您在病例 {{caseNumber}} 中有一条新消息。为保护您的隐私，请登录后查看。',
      action: '阅读消息',
    },
    'case.records_requested': {
      subject: '您的病例 {{caseNumber}} 需要补充资料',
      body: '{{caseManagerName}} 需要您为病例 {{caseNumber}} 提供一些资料。具体内容请见病例页面，您也可以在那里安全地上传。',
      action: '查看所需资料',
    },
    'case.recommendations_ready': {
      subject: '病例 {{caseNumber}} 的建议已准备好',
      body: '{{caseManagerName}} 已在专科医生审阅后，为您的病例 {{caseNumber}} 撰写了建议。您可以在病例页面阅读，并提出任何问题。',
      action: '阅读建议',
    },
    'case.follow_up_due': {
      subject: '病例 {{caseNumber}} 的随访',
      body: '病例 {{caseNumber}} 的随访安排在 {{dueAt}}。您可以在病例页面分享近况或提出问题。',
      action: '打开病例',
    },
    'case.call_scheduled': {
      subject: '病例 {{caseNumber}} 的通话已预约',
      body: '您与 {{caseManagerName}} 的通话已预约在 {{startsAt}}，时长约 {{durationMinutes}} 分钟。打开本邮件附带的日历邀请，即可将其添加到您的日历中。',
      action: '查看我的病例',
      calendarTitle: 'Consilium 通话：{{caseManagerName}}（{{caseNumber}}）',
      videoJoin: '这是一次视频通话。请在预约时间通过此链接加入：',
    },
    'case.closed': {
      subject: '您的病例 {{caseNumber}} 已结案',
      body: '您的病例 {{caseNumber}} 现已结案。感谢您让我们有机会陪伴您。如果情况有任何变化，您可以随时申请新的意见。\n\n能告诉我们您的体验如何吗？评价只需一分钟，也能帮助其他会员。',
      action: '评价服务',
    },
    'review.offered': {
      subject: '评审邀请 {{caseNumber}}：请在 {{expiresAt}} 前答复',
      body: '我们邀请您以专科医生身份评审病例 {{caseNumber}}。请在 {{expiresAt}} 前在您的评审工作台接受或拒绝该邀请；逾期后邀请将转给其他同事。\n\n为保护会员隐私，病例摘要和资料仅在工作台中显示。',
      action: '打开评审工作台',
    },
    'review.due_soon': {
      subject: '提醒：病例 {{caseNumber}} 的意见须在 {{dueAt}} 前提交',
      body: '您对病例 {{caseNumber}} 的书面意见须在 {{dueAt}} 前提交。您可以在评审工作台完成并提交。',
      action: '打开评审',
    },
    'review.opinions_ready': {
      subject: '病例 {{caseNumber}} 的专科意见已齐',
      body: '病例 {{caseNumber}} 所请求的全部专科意见均已提交。您现在可以阅读这些意见，并为会员撰写建议。',
      action: '打开病例',
    },
    'review.offer_lapsed': {
      subject: '病例 {{caseNumber}} 需要另一位专科医生',
      body: '病例 {{caseNumber}} 的一项评审邀请已被拒绝或已过期，且没有其他候选人可邀请。请另选一位专科医生。',
      action: '打开病例',
    },
    'review.doctor_letter': {
      subject: '您的一位患者与您分享了第二医疗意见',
      body: '您的一位患者向第二医疗意见服务 Consilium 申请了第二意见，并选择将相关信函分享给您。\n\n请打开下方的安全链接阅读信函。该链接仅供您使用，有效期至 {{expiresAt}}。',
      action: '阅读信函',
    },
    'feedback.invitation': {
      subject: '您对我们的服务满意吗？病例 {{caseNumber}}',
      body: '您的病例 {{caseNumber}} 的建议已送达。能否告诉我们您对这次服务的感受？您可以给出 1 到 5 颗星，并用您的语言写几句话；30 天内可以修改您的评价。\n\n您的星级一经提交即计入评分。独立审核员会先阅读您的文字，然后才会在我们的公开页面上显示。',
      action: '评价服务',
    },
    'feedback.review_published': {
      subject: '您对病例 {{caseNumber}} 的评价已发布',
      body: '感谢您对病例 {{caseNumber}} 服务的评价。审核员已阅读，评价现已显示在我们的公开页面上。',
      action: '查看您的评价',
    },
    'feedback.review_withheld': {
      subject: '您对病例 {{caseNumber}} 的评价：文字未发布',
      body: '感谢您对病例 {{caseNumber}} 服务的评价。您的星级已计入我们的评分，但审核员没有发布您的文字。您可以在病例页面查看原因，修改后重新提交。',
      action: '查看您的评价',
    },
    'referral.updated': {
      subject: '病例 {{caseNumber}} 的转诊有更新',
      body: '病例 {{caseNumber}} 的转诊有变化。请登录后在病例页面查看。',
      action: '打开病例',
    },
    'records.provider_request': {
      subject: '您的一位患者请我们收集其病历',
      body: '您的一位患者已请第二诊疗意见服务 Consilium 向您收集其部分医疗记录，并为此签署了授权书。\n\n请打开下方链接：页面会显示患者身份、所需记录和已签署的授权书，您无需注册账户即可安全上传。该链接仅用于此次请求，有效期至 {{expiresAt}}。',
      action: '打开安全链接',
    },
    'records.provider_reminder': {
      subject: '提醒：您的一位患者所请求的记录',
      body: '几天前，我们向您发送了一个安全链接，用于上传您的一位患者请我们收集的记录。请使用该邮件中的链接：有效期至 {{expiresAt}}。如果您没有这些记录，可以在同一页面说明。',
      action: '关于此请求',
    },
    'records.request_overdue': {
      subject: '病例 {{caseNumber}}：一家医疗机构未回复记录请求',
      body: '为病例 {{caseNumber}} 发送给医疗机构的链接已过期，未收到回复。病例的医疗机构面板中可以看到该请求；您可以再次请求或联系该机构。',
      action: '打开病例',
    },
    'privacy.export_ready': {
      subject: '您的 Consilium 数据存档已准备好',
      body: '您申请的个人数据存档已准备好。您可以在 {{expiresAt}} 之前，从账户的“我的数据”页面下载；之后您可以随时重新申请。\n\n为了您的安全，只有登录申请该存档的账户后才能下载。',
      action: '前往“我的数据”',
    },
    'privacy.request_answered': {
      subject: '您关于个人数据的申请已有答复',
      body: '我们的数据保护团队已答复您关于个人数据的申请。您可以在账户的“我的数据”页面阅读答复。',
      action: '阅读答复',
    },
    'followup.question_forwarded': {
      subject: '关于病例 {{caseNumber}} 的后续问题',
      body: '病例 {{caseNumber}} 的个案经理向您转交了会员关于您意见的一个后续问题。请在 {{dueAt}} 之前在您的评审工作台上回答。',
      action: '打开评审',
    },
    'followup.answer_due_soon': {
      subject: '提醒：关于病例 {{caseNumber}} 的后续问题需在 {{dueAt}} 之前回答',
      body: '关于您在病例 {{caseNumber}} 中意见的一个后续问题正在等待您的回答，截止时间为 {{dueAt}}。您可以在评审工作台上回答。',
      action: '打开评审',
    },
    'followup.answer_overdue': {
      subject: '病例 {{caseNumber}}：一个后续问题尚未得到回答',
      body: '一位专科医生未按时回答病例 {{caseNumber}} 的一个后续问题。请查看该病例的后续问题并联系这位专科医生。',
      action: '打开病例',
    },
    'followup.answer_arrived': {
      subject: '您关于病例 {{caseNumber}} 的问题已有回复',
      body: '为病例 {{caseNumber}} 提供意见的专科医生已回答您的问题。请登录，在您的病例页面上阅读回答。',
      action: '打开病例',
    },
  },
};
