#!/usr/bin/env python3
"""Caller phrases for an online-store customer-service line (synthetic dev set)
and a closed-domain trigram ARPA LM built from them.  Deterministic (fixed seeds).

  callcenter.py dev N OUT.txt        N dev sentences (seed 2024)
  callcenter.py lmtext N OUT.txt     N LM training sentences (seed 7, other digits)
  callcenter.py arpa IN.txt OUT.arpa trigram LM, absolute discounting + backoff
"""
import sys, random, math
from collections import defaultdict

DIG = "zero one two three four five six seven eight nine".split()

def digits(r, lo=5, hi=8):
    return " ".join(r.choice(DIG) for _ in range(r.randint(lo, hi)))

GREET = ["", "hi ", "hello ", "yes hello ", "good morning ", "good afternoon ", "hi there ", "um hi "]
POLITE = ["", " please", " thank you", " thanks"]

TEMPLATES = [
    # order status
    "i want to check the status of my order",
    "what is the status of order number {D}",
    "my order number is {D}",
    "the order number is {D}",
    "i am calling about order {D}",
    "can you tell me where my order is",
    "has my order shipped yet",
    "i placed an order last week and it still has not arrived",
    "it is order {D}",
    "{D}",
    # delivery
    "where is my delivery",
    "my package has not arrived",
    "when will my package be delivered",
    "the tracking number does not work",
    "the delivery is late",
    "my parcel was delivered to the wrong address",
    "the courier said nobody was home but i was there all day",
    "can i get a delivery date",
    # returns and refunds
    "i want to return an item",
    "how do i return my order",
    "i would like a refund",
    "i have not received my refund yet",
    "the item arrived damaged and i want to send it back",
    "i got the wrong size can i exchange it",
    "how long does a refund take",
    "i sent the return two weeks ago",
    # cancel
    "i want to cancel my order",
    "please cancel order {D}",
    "can i still cancel the order",
    "cancel it",
    # address
    "i need to change the delivery address",
    "can i change my shipping address",
    "i moved and need to update my address",
    "please send it to my work address instead",
    # password / account
    "i forgot my password",
    "i need to reset my password",
    "i cannot log in to my account",
    "the password reset email never came",
    "my account is locked",
    # billing
    "i have a billing problem",
    "i was charged twice",
    "there is a wrong charge on my card",
    "my payment did not go through",
    "why was my card charged",
    "i need a copy of my invoice",
    # app
    "how do i install the app on my iphone",
    "the app does not work on my android phone",
    "i cannot install the app",
    "the app keeps crashing",
    "is there an app for android",
    "where can i download the app for iphone",
    # hours
    "what are your opening hours",
    "are you open on sunday",
    "when do you close today",
    "what time do you open tomorrow",
    # person
    "i want to talk to a person",
    "can i speak to a human",
    "let me talk to someone",
    "agent",
    "representative",
    "i need to speak to a manager",
    # yes/no/misc
    "yes",
    "no",
    "yes that is right",
    "no that is wrong",
    "yes please",
    "no thank you",
    "can you repeat that",
    "sorry i did not understand",
    "one moment please",
    "that is all",
    # goodbye
    "goodbye",
    "thank you goodbye",
    "thanks for your help bye",
    "that is everything thank you very much",
    "bye",
]

def sentence(r):
    t = r.choice(TEMPLATES)
    s = t.replace("{D}", digits(r))
    if len(t.split()) > 2 and "{D}" not in t:
        s = r.choice(GREET) + s + r.choice(POLITE)
    return " ".join(s.split())

def gen(n, seed):
    r = random.Random(seed)
    return [sentence(r) for _ in range(n)]

def lmtext(n, seed):
    # every template at least twice, plus random samples; digits differ from dev
    r = random.Random(seed)
    out = []
    for t in TEMPLATES:
        for _ in range(2):
            out.append(" ".join(t.replace("{D}", digits(r)).split()))
    out += [sentence(r) for _ in range(n)]
    return out

def arpa(lines, outpath, D=0.5):
    counts = [defaultdict(int) for _ in range(3)]
    for l in lines:
        w = ["<s>"] + l.split() + ["</s>"]
        for i in range(len(w)):
            for n in range(3):
                if i - n >= 0:
                    counts[n][tuple(w[i - n:i + 1])] += 1
    vocab = sorted({k[0] for k in counts[0]})
    # unigrams: add-D smoothing over vocab (no <unk>)
    tot = sum(c for k, c in counts[0].items() if k[0] != "<s>")
    V = len(vocab)
    p1 = {}
    for w in vocab:
        c = counts[0].get((w,), 0) if w != "<s>" else 0
        p1[(w,)] = (c + D) / (tot + D * V)
    # higher orders: absolute discounting with backoff
    probs = [p1, {}, {}]
    bows = [{}, {}, {}]
    def ctx_stats(n):
        tot = defaultdict(int); types = defaultdict(int)
        for k, c in counts[n].items():
            tot[k[:-1]] += c; types[k[:-1]] += 1
        return tot, types
    for n in (1, 2):
        tot_c, types_c = ctx_stats(n)
        for k, c in counts[n].items():
            probs[n][k] = (c - D) / tot_c[k[:-1]]
    def prob(k):
        n = len(k) - 1
        if k in probs[n]:
            return probs[n][k]
        if n == 0:
            return p1.get(k, 1e-7)
        return bows[n - 1].get(k[:-1], 1.0) * prob(k[1:])
    for n in (0, 1):   # backoff weights for contexts of length n+1
        tot_c, types_c = ctx_stats(n + 1)
        for ctx in counts[n]:
            if ctx not in tot_c:
                continue
            left = D * types_c[ctx] / tot_c[ctx]
            seen_lower = sum(prob(k[1:]) for k in probs[n + 1] if k[:-1] == ctx)
            bows[n][ctx] = left / max(1e-9, 1.0 - seen_lower)
    with open(outpath, "w") as f:
        f.write("\\data\\\n")
        for n in range(3):
            f.write("ngram %d=%d\n" % (n + 1, len(probs[n])))
        for n in range(3):
            f.write("\n\\%d-grams:\n" % (n + 1))
            for k in sorted(probs[n]):
                p = probs[n][k]
                lp = -99.0 if k == ("<s>",) else math.log10(p)
                line = "%.4f %s" % (lp, " ".join(k))
                if n < 2 and k in bows[n]:
                    line += " %.4f" % math.log10(bows[n][k])
                f.write(line + "\n")
        f.write("\n\\end\\\n")

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "dev":
        open(sys.argv[3], "w").write("\n".join(gen(int(sys.argv[2]), 2024)) + "\n")
    elif cmd == "lmtext":
        open(sys.argv[3], "w").write("\n".join(lmtext(int(sys.argv[2]), 7)) + "\n")
    elif cmd == "arpa":
        arpa([l.strip() for l in open(sys.argv[2]) if l.strip()], sys.argv[3])
    else:
        sys.exit(__doc__)
