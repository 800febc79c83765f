import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { capitalNumber, capitalYear, capitalYearMonth } from './chinese-numerals';

/** The fields printed on the three parts of an introduction letter (domain.md §4), frozen at issue. */
export interface LetterSnapshot {
  serial: string;
  addressee: string;
  memberName: string;
  sex: string;
  age: number;
  ethnicity: string;
  category: string;
  /** Encrypted in storage; decrypted only to print. */
  idNumberEnc: string;
  fromOrgName: string;
  toOrgName: string;
  duesPaidThrough: string;
  validityDays: number;
  issuedDate: string;
  validUntilDate: string;
  issuerName: string;
  issuerAddress: string;
  issuerPhone: string;
  issuerFax: string;
  issuerPostcode: string;
  memberPhone: string;
  reissueOf: string | null;
}

const dateZh = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${capitalYear(y)}年${capitalNumber(m)}月${capitalNumber(day)}日`;
};

/**
 * Renders stub (存根), letter (介绍信) and receipt (回执) on one A4 page, separated by cut lines that carry the serial
 * number, with the embedded CJK font (subset by pdfkit to the glyphs used) and a QR code of the verification URL.
 */
/** A letter that can no longer be used (expired, revoked, voided by a bounce, or used at reporting) and since when. */
export interface LetterClosed {
  status: 'EXPIRED' | 'REVOKED' | 'VOID' | 'USED';
}

const CLOSED_MARK: Record<LetterClosed['status'], { stamp: string; notice: string }> = {
  EXPIRED: { stamp: '已过期', notice: '本介绍信已超过有效期，不能用于办理组织关系转接；请联系开具介绍信的党组织重新开具。' },
  REVOKED: { stamp: '作废', notice: '本介绍信已作废，不能用于办理组织关系转接，仅供存档。' },
  VOID: { stamp: '作废', notice: '本介绍信已作废，不能用于办理组织关系转接，仅供存档。' },
  USED: { stamp: '已使用', notice: '党员已持本介绍信报到，本介绍信已使用，仅供存档。' },
};

export async function renderLetterPdf(
  s: LetterSnapshot,
  idNumber: string,
  verifyUrl: string,
  font: { path: string; family: string },
  closed: LetterClosed | null = null,
): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 36, bottom: 30, left: 56, right: 56 },
    info: { Title: `中国共产党党员组织关系介绍信 ${s.serial}`, Author: s.issuerName, Subject: s.serial },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const width = doc.page.width - 112;
  const reissue = s.reissueOf ? `（补开，原介绍信第 ${s.reissueOf} 号作废）` : '';
  const dues = capitalYearMonth(s.duesPaidThrough);
  const days = capitalNumber(s.validityDays);

  const title = (text: string) => doc.fontSize(15).text(text, { align: 'center', width }).moveDown(0.3);
  const serialLine = () => doc.fontSize(10).text(`第 ${s.serial} 号`, { align: 'right', width }).moveDown(0.3);
  const para = (text: string) => doc.fontSize(11).text(text, { width, lineGap: 3 }).moveDown(0.25);
  const cut = (label: string) => {
    doc.moveDown(0.4);
    const y = doc.y;
    doc.save().dash(4, { space: 3 }).moveTo(56, y).lineTo(56 + width, y).strokeColor('#888').stroke().restore();
    doc.fontSize(8).fillColor('#555').text(`${label}  第 ${s.serial} 号`, 56, y + 3, { align: 'center', width }).fillColor('#000');
    doc.moveDown(0.8);
  };

  // A letter no longer in force says so above everything and is stamped across each part, so a copy saved or printed
  // earlier and fetched again cannot pass for a valid one.
  const mark = closed ? CLOSED_MARK[closed.status] : null;
  if (mark) doc.fontSize(11).fillColor('#c00').text(mark.notice, { width, align: 'center' }).fillColor('#000').moveDown(0.4);
  const partTops: number[] = [doc.y];

  // 1. Stub, kept by the issuer.
  title('中国共产党党员组织关系介绍信（存根）');
  serialLine();
  para(`${s.memberName} 同志系中共${s.category}党员，组织关系由 ${s.fromOrgName} 转到 ${s.toOrgName}。${reissue}`);
  para(`党费已交到 ${dues}。有效期 ${days} 天。`);
  doc.fontSize(10).text(`开具日期：${s.issuedDate}`, { align: 'right', width });
  cut('骑缝');

  // 2. The letter itself.
  partTops.push(doc.y);
  title('中国共产党党员组织关系介绍信');
  serialLine();
  para(`${s.addressee}：`);
  para(
    `　　兹介绍 ${s.memberName} 同志（${s.sex}，${s.age} 岁，${s.ethnicity}，系中共${s.category}党员，身份证号码 ${idNumber}）的党员组织关系由 ${s.fromOrgName} 转到 ${s.toOrgName}，请接洽。${reissue}`,
  );
  para(`　　该同志党费已交到 ${dues}。`);
  para(`　　（有效期 ${days} 天，至 ${s.validUntilDate}）`);
  const sealY = doc.y + 4;
  doc.fontSize(11).text(`${s.issuerName}（盖章）`, 56, sealY, { align: 'right', width: width - 130 });
  doc.text(dateZh(s.issuedDate), 56, doc.y + 2, { align: 'right', width: width - 130 });
  doc.image(qr, 56 + width - 110, sealY - 6, { width: 92 });
  doc.fontSize(8).text('扫码核验', 56 + width - 110, sealY + 88, { width: 92, align: 'center' });
  doc.fontSize(9).text(
    `党员联系电话：${s.memberPhone}　　党组织联系电话：${s.issuerPhone}　　传真：${s.issuerFax || '—'}　　邮政编码：${s.issuerPostcode}`,
    56,
    Math.max(doc.y + 10, sealY + 104),
    { width },
  );
  doc.text(`党组织通讯地址：${s.issuerAddress}`, { width });
  cut('回执请寄回开具介绍信的党组织');

  // 3. The receipt, returned by the final receiving committee within one month.
  partTops.push(doc.y);
  title('中国共产党党员组织关系介绍信回执');
  serialLine();
  para(`${s.issuerName}：`);
  para(`　　${s.memberName} 同志的党员组织关系已转达我处，特此回执。`);
  doc.moveDown(0.5);
  doc.fontSize(11).text('接收党组织（盖章）：', { width });
  doc.text('经办人：__________　　联系电话：__________', { width });
  doc.text('　　　　年　　月　　日', { align: 'right', width });
  if (mark) {
    for (const top of partTops) {
      const [cx, cy] = [56 + width / 2, top + 70];
      doc.save().rotate(-20, { origin: [cx, cy] }).fillColor('#c00').fillOpacity(0.28);
      doc.fontSize(64).text(mark.stamp, cx - 160, cy - 40, { width: 320, align: 'center', lineBreak: false });
      doc.restore();
    }
  }
  doc.end();
  return done;
}
