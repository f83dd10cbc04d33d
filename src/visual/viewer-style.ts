/** The execution viewer's inline stylesheet. */
import { OUTCOME_STYLES, OUTCOMES } from './palette.js';

const badges = OUTCOMES.map((o) => `.asl-b-${o}{background:${OUTCOME_STYLES[o].fill};border-color:${OUTCOME_STYLES[o].stroke}}`).join('\n');

export const VIEWER_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1a202c;background:#f4f6f9}
header{padding:14px 20px;background:#1f2933;color:#fff;display:flex;flex-wrap:wrap;gap:6px 18px;align-items:baseline}
header h1{font-size:18px;margin:0;font-weight:600;overflow-wrap:anywhere}
header .asl-meta{color:#cbd2d9;font-size:13px}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(320px,420px);gap:14px;padding:14px 20px}
.asl-card{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:12px 14px;min-width:0}
.asl-card>h2{font-size:15px;margin:0 0 8px}
#asl-graph{overflow-x:auto}
#asl-graph svg{display:block;margin:0 auto;max-width:none}
.asl-state{cursor:pointer}
.asl-state:hover .asl-shape,.asl-state:focus .asl-shape{filter:brightness(0.96)}
.asl-state:focus{outline:none}
.asl-selected .asl-shape{stroke:#1a56db;stroke-width:3.5px}
main>aside{align-self:start;position:sticky;top:14px;max-height:calc(100vh - 28px);overflow:auto}
#asl-details h2{font-size:17px;margin:0 0 2px;overflow-wrap:anywhere}
.asl-run{border-top:1px solid #e2e8f0;margin-top:10px;padding-top:8px}
.asl-run h3{font-size:14px;margin:0 0 4px}
.asl-where{font-size:12px;color:#4a5568;margin-bottom:4px}
.asl-label{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#5f6b7a;margin:8px 0 2px}
.asl-value{margin:0;padding:6px 8px;background:#f7f9fc;border:1px solid #e2e8f0;border-radius:4px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;max-height:260px;overflow:auto}
.asl-badge{display:inline-block;color:#1a202c;font-size:11px;font-weight:600;padding:0 7px;border:1px solid;border-radius:9px;vertical-align:middle;white-space:nowrap}
${badges}
.asl-muted{color:#5f6b7a;font-size:12px}
.asl-group ul,.asl-group ol{margin:2px 0;padding-left:20px}
.asl-link{background:none;border:0;padding:0;color:#1a56db;cursor:pointer;font:inherit;text-decoration:underline}
.asl-timeline{grid-column:1/-1}
#asl-gantt{display:flex;flex-direction:column;gap:2px}
.asl-row{display:grid;grid-template-columns:minmax(140px,260px) 1fr 80px;gap:10px;align-items:center;background:none;border:0;padding:2px 4px;text-align:left;font:inherit;cursor:pointer;border-radius:4px}
.asl-row:hover{background:#f1f4f8}
.asl-row-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-size:13px}
.asl-track{position:relative;height:12px;background:#f1f4f8;border-radius:3px}
.asl-bar{position:absolute;top:0;bottom:0;border:1px solid;border-radius:3px;min-width:3px}
.asl-row-time{font-size:12px;color:#4a5568;text-align:right}
table{border-collapse:collapse;width:100%;font-size:12px}
td,th{text-align:left;padding:3px 8px;border-bottom:1px solid #edf0f4;vertical-align:top}
.asl-num{text-align:right;color:#5f6b7a}
details summary{cursor:pointer;margin-top:10px;font-weight:600}
@media (max-width:900px){main{grid-template-columns:1fr}}
`;
