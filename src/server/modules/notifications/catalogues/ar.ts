import type { Catalogue } from './en.js';

export const ar: Catalogue = {
  layout: {
    greeting: 'مرحبًا {{name}}،',
    greetingWithoutName: 'مرحبًا،',
    signOff: 'مع أطيب التحيات،\nفريق الرأي الطبي الثاني في Consilium',
    privacy:
      'حفاظًا على خصوصيتك، لا نُدرج أي معلومات طبية في رسائل البريد الإلكتروني. كل ما يتعلق بحالتك يبقى في حسابك الآمن على Consilium.',
    noReply:
      'أُرسلت هذه الرسالة تلقائيًا، ولا تتم قراءة الردود عليها. للتواصل معنا، يُرجى استخدام الرسائل في صفحة حالتك.',
  },
  templates: {
    'account.welcome': {
      subject: 'أهلًا بك في Consilium',
      body: 'حسابك جاهز الآن. متى ساورك شك في تشخيص أو خطة علاج، يمكنك طلب رأي طبي ثانٍ من هنا، في أي وقت ومن أي مكان، دون الحاجة إلى تقديم مطالبة.\n\nسيتولى طبيب مهمة مدير حالتك المخصص، وسيتواصل معك خلال 24 ساعة، ويرافقك بلغتك طوال المدة التي تحتاجها.',
      action: 'الانتقال إلى حسابك',
    },
    'case.submitted': {
      subject: 'تلقّينا طلبك {{caseNumber}}',
      body: 'شكرًا لثقتك بنا. سيتواصل معك مدير حالتك، {{caseManagerName}}، في موعد أقصاه {{contactBy}}.\n\nإذا رغبت في إضافة أي شيء في هذه الأثناء، يمكنك ذلك من صفحة حالتك.',
      action: 'عرض حالتك',
    },
    'case.assigned': {
      subject: 'أُسندت إليك حالة جديدة {{caseNumber}}',
      body: 'أُسندت إليك الحالة {{caseNumber}}. يُرجى إجراء أول تواصل مع العضو في موعد أقصاه {{firstContactDue}}.',
      action: 'فتح الحالة',
    },
    'case.first_contact_warning': {
      subject: 'تذكير: يقترب موعد أول تواصل في الحالة {{caseNumber}}',
      body: 'لم يتم التواصل بعد مع العضو في الحالة {{caseNumber}}. يجب إجراء أول تواصل في موعد أقصاه {{firstContactDue}}. إذا تعذّر عليك ذلك في الوقت المحدد، يُرجى إبلاغ فريق العمليات ليتم تسليم الحالة إلى أحد الزملاء.',
      action: 'فتح الحالة',
    },
    'case.first_contact_escalation': {
      subject: 'تصعيد: فات موعد أول تواصل في الحالة {{caseNumber}}',
      body: 'كان يجب إجراء أول تواصل في الحالة {{caseNumber}} في موعد أقصاه {{firstContactDue}}، ولم يُسجَّل حتى الآن. مدير الحالة المسؤول هو {{caseManagerName}}. يُرجى مراجعة الحالة وإعادة إسنادها عند الحاجة.',
      action: 'فتح الحالة',
    },
    'case.reassigned': {
      subject: 'لحالتك {{caseNumber}} مدير حالة جديد',
      body: 'حتى تمضي حالتك قُدمًا دون تأخير، أصبح {{caseManagerName}} مدير حالتك {{caseNumber}}. كل ما شاركته سابقًا يبقى في حالتك، ولا حاجة إلى إرسال أي شيء من جديد.',
      action: 'عرض حالتك',
    },
    'case.message_received': {
      subject: 'رسالة جديدة في الحالة {{caseNumber}}',
      body: 'لديك رسالة جديدة في الحالة {{caseNumber}}. حفاظًا على خصوصيتك، يمكنك قراءتها بعد تسجيل الدخول فقط.',
      action: 'قراءة الرسالة',
    },
    'case.records_requested': {
      subject: 'مستندات مطلوبة لحالتك {{caseNumber}}',
      body: 'يحتاج {{caseManagerName}} إلى بعض المستندات لحالتك {{caseNumber}}. ستجد التفاصيل في صفحة حالتك، حيث يمكنك أيضًا تحميلها بأمان.',
      action: 'عرض المطلوب',
    },
    'case.recommendations_ready': {
      subject: 'توصيات حالتك {{caseNumber}} جاهزة',
      body: 'كتب {{caseManagerName}} التوصيات الخاصة بحالتك {{caseNumber}} بعد مراجعتها مع طبيب أخصائي. يمكنك قراءتها في صفحة حالتك وطرح أي أسئلة لديك.',
      action: 'قراءة التوصيات',
    },
    'case.follow_up_due': {
      subject: 'متابعة الحالة {{caseNumber}}',
      body: 'تمت جدولة متابعة للحالة {{caseNumber}} في {{dueAt}}. يمكنك مشاركة المستجدات أو طرح أي سؤال في صفحة الحالة.',
      action: 'فتح الحالة',
    },
    'case.call_scheduled': {
      subject: 'تم تحديد موعد مكالمتك للحالة {{caseNumber}}',
      body: 'تم تحديد موعد مكالمتك مع {{caseManagerName}} في {{startsAt}}، وستستغرق نحو {{durationMinutes}} دقيقة. تضيف الدعوة المرفقة بهذه الرسالة الموعد إلى تقويمك.',
      action: 'عرض حالتك',
      calendarTitle: 'مكالمة Consilium مع {{caseManagerName}} ({{caseNumber}})',
    },
    'case.closed': {
      subject: 'أُغلقت حالتك {{caseNumber}}',
      body: 'أُغلقت حالتك {{caseNumber}}. شكرًا لأنك منحتنا فرصة مرافقتك. إذا تغيّر أي شيء، يمكنك طلب رأي جديد في أي وقت.\n\nهل تخبرنا كيف كانت تجربتك؟ لن يستغرق التقييم سوى دقيقة، وهو يساعد الأعضاء الآخرين.',
      action: 'تقييم الخدمة',
    },
  },
};
