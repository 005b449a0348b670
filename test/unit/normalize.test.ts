import { describe, expect, it } from 'vitest';
import { hashText, normalizeText, toSimplifiedPlain } from '../../src/extract';

describe('normalizeText', () => {
  it('folds full-width digits, letters and punctuation (NFKC)', () => {
    expect(normalizeText('收到申请４１件，调解成功率达９９．８７％（当面申请１５件）')).toBe('收到申请41件,调解成功率达99.87%(当面申请15件)');
  });

  it('turns traditional characters into simplified ones', () => {
    expect(normalizeText('黨政主要負責人履行推進法治建設第一責任人職責')).toBe('党政主要负责人履行推进法治建设第一责任人职责');
  });

  it('removes pinyin annotations but keeps Latin words and Chinese asides in brackets', () => {
    expect(normalizeText('我鎮(zhèn)設(shè)立中歐合作區(qū)(江門)')).toBe('我镇设立中欧合作区(江门)');
    expect(normalizeText('運用“廣西餐安”(APP)培訓(xùn)1794家')).toBe('运用“广西餐安”(APP)培训1794家');
    expect(normalizeText('我們(men)的(de)工作')).toBe('我们的工作');
  });

  it('drops spaces next to CJK characters, keeps them between Latin words', () => {
    expect(normalizeText('梳理跨省通办事项476 项，压缩至 110个工作日')).toBe('梳理跨省通办事项476项,压缩至110个工作日');
    expect(normalizeText('法治 政府\u3000建设  Copyright  2024 All   Rights')).toBe('法治政府建设Copyright 2024 All Rights');
  });

  it('removes zero-width characters, blank lines and edge spaces', () => {
    expect(normalizeText('  第一段\u200b内容 \r\n\r\n\n\t第二段\ufeff  \n')).toBe('第一段内容\n第二段');
  });

  it('is idempotent', () => {
    const once = normalizeText('我鎮(zhèn)共處(chǔ)理群眾投訴967宗 ， 其中 受理 来信 70 宗');
    expect(normalizeText(once)).toBe(once);
  });
});

describe('toSimplifiedPlain and hashText', () => {
  it('simplifies titles for classification', () => {
    expect(toSimplifiedPlain('鶴(hè)山市共和鎮(zhèn)2022年法治政府建設(shè)年度報(bào)告')).toBe('鹤山市共和镇2022年法治政府建设年度报告');
  });

  it('hashes as sha256 hex', () => {
    expect(hashText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashText('行政复议申请41件')).not.toBe(hashText('行政复议申请43件'));
  });
});
